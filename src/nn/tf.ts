// The one place that names the tfjs packages. Full npm: specifiers, not the
// import map's bare names: an import map applies only to the project that
// owns it, and this file must resolve when another project imports mod.ts by
// URL.
// deno-lint-ignore no-import-prefix
import * as tf from "npm:@tensorflow/tfjs-core@4.22.0";
// deno-lint-ignore no-import-prefix
import "npm:@tensorflow/tfjs-backend-wasm@4.22.0";

/**
 * Loads tfjs's WebGPU backend, which registers itself as `"webgpu"` with the
 * tfjs-core above. Imported on demand, so a wasm run never loads it.
 */
export async function loadWebgpuBackend(): Promise<void> {
  // deno-lint-ignore no-import-prefix
  await import("npm:@tensorflow/tfjs-backend-webgpu@4.22.0");
}

// The namespace is for the library's own files. Entry points re-export only
// the types below: re-exported there, `tf` would put all of tfjs-core (some
// 900 symbols without JSDoc) under `deno doc --lint`. `initBackend()` hands
// callers the namespace.
export { tf };

/** A tfjs tensor of any rank: tfjs-core's `Tensor`. */
export type Tensor = tf.Tensor;
/** A rank-0 tfjs tensor: tfjs-core's `Scalar`. */
export type Scalar = tf.Scalar;
/** A rank-1 tfjs tensor: tfjs-core's `Tensor1D`. */
export type Tensor1D = tf.Tensor1D;
/** A rank-2 tfjs tensor (rows × columns): tfjs-core's `Tensor2D`. */
export type Tensor2D = tf.Tensor2D;
/** A rank-4 tfjs tensor (batch × height × width × channels): tfjs-core's `Tensor4D`. */
export type Tensor4D = tf.Tensor4D;
/** A trainable tfjs variable of any rank: tfjs-core's `Variable`. */
export type Variable = tf.Variable;
// Through local aliases: deno doc's private-type-ref check follows a type
// argument (tf.Rank.R1) but not a plain alias, and tf.Rank is not exported.
type TfVariable1D = tf.Variable<tf.Rank.R1>;
type TfVariable2D = tf.Variable<tf.Rank.R2>;
type TfVariable4D = tf.Variable<tf.Rank.R4>;

/** A trainable rank-1 variable (a bias): tfjs-core's `Variable<Rank.R1>`. */
export type Variable1D = TfVariable1D;
/** A trainable rank-2 variable (a weight matrix): tfjs-core's `Variable<Rank.R2>`. */
export type Variable2D = TfVariable2D;
/** A trainable rank-4 variable (convolution filters): tfjs-core's `Variable<Rank.R4>`. */
export type Variable4D = TfVariable4D;
/** A tfjs optimiser, such as `tf.train.adam(…)` returns: tfjs-core's `Optimizer`. */
export type Optimizer = tf.Optimizer;
