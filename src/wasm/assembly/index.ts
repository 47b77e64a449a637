// Entry point of the kernels' WebAssembly module (see tasks/build_wasm.ts).
export {
  finishQueries,
  referenceNorms,
  resetBest,
  screenQueries,
  screenReferences,
  searchChunk,
  searchChunkScreened,
} from "./knn";
export { canonicalizeComplex, canonicalizeReal, rectifiedComplex, rectifiedReal } from "./symmetry";
