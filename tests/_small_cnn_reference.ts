/**
 * A float64, loop-by-loop forward pass of the SmallCnn architecture and its
 * mean cross-entropy: an obviously-right reference for gradient checks, where
 * float32 finite differences drown in rounding and max-pool switches.
 */

/** Parameters in SmallCnn.variables order, as float64 copies. */
export type CnnParams = Float64Array[];

function conv(
  x: Float64Array,
  size: number,
  ci: number,
  f: Float64Array,
  b: Float64Array,
  co: number,
): Float64Array {
  const out = size - 4, y = new Float64Array(out * out * co);
  for (let i = 0; i < out; i++) {
    for (let j = 0; j < out; j++) {
      for (let o = 0; o < co; o++) {
        let s = b[o];
        for (let u = 0; u < 5; u++) {
          for (let v = 0; v < 5; v++) {
            for (let c = 0; c < ci; c++) {
              s += x[((i + u) * size + j + v) * ci + c] * f[((u * 5 + v) * ci + c) * co + o];
            }
          }
        }
        y[(i * out + j) * co + o] = s;
      }
    }
  }
  return y;
}

function poolRelu(x: Float64Array, size: number, ch: number): Float64Array {
  const out = size / 2, y = new Float64Array(out * out * ch);
  for (let i = 0; i < out; i++) {
    for (let j = 0; j < out; j++) {
      for (let c = 0; c < ch; c++) {
        let m = -Infinity;
        for (let u = 0; u < 2; u++) {
          for (let v = 0; v < 2; v++) m = Math.max(m, x[((2 * i + u) * size + 2 * j + v) * ch + c]);
        }
        y[(i * out + j) * ch + c] = Math.max(m, 0);
      }
    }
  }
  return y;
}

function dense(x: Float64Array, w: Float64Array, b: Float64Array, relu: boolean): Float64Array {
  const n = b.length, y = new Float64Array(n);
  for (let o = 0; o < n; o++) {
    let s = b[o];
    for (let i = 0; i < x.length; i++) s += x[i] * w[i * n + o];
    y[o] = relu ? Math.max(s, 0) : s;
  }
  return y;
}

/** Mean cross-entropy of the SmallCnn on `images` (rows × 784), in float64. */
export function referenceLoss(p: CnnParams, images: Float32Array, labels: ArrayLike<number>): number {
  const [f1, b1, f2, b2, w1, b3, w2, b4] = p;
  let total = 0;
  for (let r = 0; r < labels.length; r++) {
    const x = Float64Array.from(images.subarray(r * 784, (r + 1) * 784));
    const a1 = poolRelu(conv(x, 28, 1, f1, b1, 10), 24, 10);
    const a2 = poolRelu(conv(a1, 12, 10, f2, b2, 20), 8, 20);
    const z = dense(dense(a2, w1, b3, true), w2, b4, false);
    const m = Math.max(...z);
    const lse = m + Math.log(z.reduce((s, v) => s + Math.exp(v - m), 0));
    total += lse - z[labels[r]];
  }
  return total / labels.length;
}
