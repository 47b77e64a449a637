// The one place that names the fast-png package (PNG encoding). Full npm:
// specifier for the same reason as src/nn/_tf.ts: the file must resolve when
// another project imports mod.ts by URL.
export { encode } from "npm:fast-png@8.0.0";
