// The one place that names the ml-matrix package (symmetric eigendecomposition,
// linear solves). Full npm: specifier for the same reason as src/nn/_tf.ts: the
// file must resolve when another project imports mod.ts by URL.
export { EigenvalueDecomposition, Matrix, pseudoInverse, solve } from "npm:ml-matrix@6.15.1";
