// The one place that names the tfjs packages. Full npm: specifiers, not the
// import map's bare names: an import map applies only to the project that
// owns it, and this file must resolve when another project imports mod.ts by
// URL.
// deno-lint-ignore no-import-prefix
import * as tf from "npm:@tensorflow/tfjs-core@4.22.0";
// deno-lint-ignore no-import-prefix
import "npm:@tensorflow/tfjs-backend-wasm@4.22.0";

export { tf };
