import assert from "node:assert/strict";
import { initBackend } from "../src/nn/backend.ts";
import type { tf as TF } from "../src/nn/tf.ts";
import { Mlp } from "../src/nn/mlp.ts";
import { Pcg32 } from "../src/random/pcg32.ts";
import { fillNormal } from "../src/random/normal.ts";
import { Syre } from "../src/syre/syre.ts";
import { drawWFix, WFix } from "../src/syre/wfix.ts";
import { covarianceEigenvalues, covarianceRank, degreeOfSymmetry } from "../src/syre/metrics.ts";

const tf = await initBackend();

const bytes = (vars: readonly { dataSync(): ArrayLike<number> }[]) =>
  vars.flatMap((v) => [...new Uint8Array(Float32Array.from(v.dataSync()).buffer)]);

/** Trains a small Mlp with Adam for a few steps; `grads` turns loss gradients into the applied ones. */
function train(
  seed: number,
  transform: (net: Mlp, g: TF.Tensor[]) => TF.Tensor[],
  before?: (net: Mlp) => void,
) {
  const net = new Mlp([5, 16, 3], seed);
  before?.(net);
  const rng = new Pcg32(99);
  const x = tf.tensor2d(fillNormal(rng, new Float32Array(32 * 5)), [32, 5]);
  const y = tf.tensor2d(fillNormal(rng, new Float32Array(32 * 3)), [32, 3]);
  const adam = tf.train.adam(1e-2);
  for (let step = 0; step < 25; step++) {
    const g = net.gradients(x, y);
    const loss = [...g.weights, ...g.biases];
    const applied = transform(net, loss);
    adam.applyGradients(net.variables.map((v, i) => ({ name: v.name, tensor: applied[i] })));
    tf.dispose([...loss, ...applied]);
  }
  const out = bytes(net.variables);
  tf.dispose([x, y]);
  adam.dispose();
  net.dispose();
  return out;
}

Deno.test("syre with sigma 0 trains exactly like hand-written weight decay, to the bit", () => {
  const gamma = 0.05;
  const vanilla = train(
    3,
    (net, g) => g.map((t, i) => tf.tidy(() => tf.add(t, tf.mul(net.variables[i], 2 * gamma)))),
  );
  let syre: Syre | undefined;
  const zeroSigma = train(3, (_, g) => syre!.addPenaltyGradients(g), (net) => {
    syre = new Syre(net.variables, { seed: 11, gamma, sigma: 0 });
    syre.shift();
  });
  syre!.dispose();
  assert.deepEqual(zeroSigma, vanilla);
  // The comparison can fail: a non-zero bias changes the result.
  let biased: Syre | undefined;
  const withBias = train(3, (_, g) => biased!.addPenaltyGradients(g), (net) => {
    biased = new Syre(net.variables, { seed: 11, gamma, sigma: 0.01 });
    biased.shift();
  });
  biased!.dispose();
  assert.notDeepEqual(withBias, vanilla);
});

Deno.test("syre's static bias is reproducible from its seed and scaled by sigma over root fan-in", () => {
  const draw = (seed: number) => {
    const v = [tf.variable(tf.zeros([400, 50])), tf.variable(tf.zeros([50]))];
    const s = new Syre(v, { seed, gamma: 1, sigma: 0.5 });
    const out = s.bias.map((b) => b.dataSync().slice() as Float32Array);
    s.dispose();
    tf.dispose(v);
    return out;
  };
  const a = draw(4), b = draw(4), c = draw(5);
  assert.deepEqual(a, b);
  assert.notDeepEqual(a, c);
  const std = (x: Float32Array) => Math.sqrt(x.reduce((s, v) => s + v * v, 0) / x.length);
  assert.ok(Math.abs(std(a[0]) - 0.5 / Math.sqrt(400)) < 0.002, `std ${std(a[0])}`);
  assert.ok(Math.abs(std(a[1]) - 0.5) < 0.1, `std ${std(a[1])}`);
});

Deno.test("syre's penalty gradients match finite differences of penalty(), plain and D form", async (t) => {
  for (const epsilon of [0, 0.5]) {
    await t.step(`epsilon ${epsilon}`, () => {
      const rng = new Pcg32(8);
      const v = [
        tf.variable(tf.tensor(fillNormal(rng, new Float32Array(12)), [3, 4])),
        tf.variable(tf.tensor(fillNormal(rng, new Float32Array(4)), [4])),
      ];
      const syre = new Syre(v, { seed: 2, gamma: 0.3, sigma: 0.5, epsilon });
      assert.equal(syre.diag === null, epsilon === 0);
      const zeros = v.map((x) => tf.zerosLike(x));
      const grads = syre.addPenaltyGradients(zeros).map((g) => g.dataSync().slice());
      v.forEach((variable, i) => {
        const base = variable.dataSync().slice() as Float32Array;
        for (let k = 0; k < base.length; k++) {
          const plus = base.slice(), minus = base.slice();
          plus[k] += 0.01;
          minus[k] -= 0.01;
          variable.assign(tf.tensor(plus, variable.shape));
          const fPlus = syre.penalty();
          variable.assign(tf.tensor(minus, variable.shape));
          const fMinus = syre.penalty();
          // The penalty is quadratic: the central difference is exact up to float32 rounding of φ ± h.
          const fd = (fPlus - fMinus) / (plus[k] - minus[k]);
          assert.ok(
            Math.abs(fd - grads[i][k]) < 1e-5 * (1 + Math.abs(fd)),
            `var ${i}[${k}]: ${fd} vs ${grads[i][k]}`,
          );
          variable.assign(tf.tensor(base, variable.shape));
        }
      });
      tf.dispose([...v, ...zeros]);
      syre.dispose();
    });
  }
});

Deno.test("syre in the shifted form follows the path of l(theta + theta0) + gamma |theta|^2", () => {
  // ℓ(x) = ½‖x − a‖², gradient descent in both forms; the paper's form is written out in float64.
  const n = 6, gamma = 0.2, lr = 0.1;
  const a = Float32Array.from({ length: n }, (_, i) => i - 2);
  const init = fillNormal(new Pcg32(1), new Float32Array(n));
  const v = tf.variable(tf.tensor(init));
  const syre = new Syre([v], { seed: 9, gamma, sigma: 0.3 });
  syre.shift();
  const theta0 = syre.bias[0].dataSync();
  const theta = Float64Array.from(init);
  for (let step = 0; step < 30; step++) {
    const g = tf.sub(v, tf.tensor(a));
    const [total] = syre.addPenaltyGradients([g]);
    v.assign(tf.tidy(() => tf.sub(v, tf.mul(total, lr))));
    tf.dispose([g, total]);
    for (let i = 0; i < n; i++) theta[i] -= lr * (theta[i] + theta0[i] - a[i] + 2 * gamma * theta[i]);
  }
  const phi = v.dataSync();
  for (let i = 0; i < n; i++) assert.ok(Math.abs(phi[i] - (theta[i] + theta0[i])) < 1e-5);
  // The bias moved the optimum: it is not plain weight decay.
  assert.ok(theta0.some((b) => Math.abs(b) > 1e-3));
  v.dispose();
  syre.dispose();
});

Deno.test("syre rejects bad settings and mismatched gradients", () => {
  const v = [tf.variable(tf.zeros([2, 2]))];
  assert.throws(() => new Syre(v, { seed: 1, gamma: -1 }), RangeError);
  assert.throws(() => new Syre(v, { seed: 1, gamma: 1, epsilon: 1 }), RangeError);
  assert.throws(() => new Syre(v, { seed: 1, gamma: 1, sigma: NaN }), RangeError);
  const s = new Syre(v, { seed: 1, gamma: 1 });
  assert.throws(() => s.addPenaltyGradients([]), /expected 1 gradients/);
  const wrong = tf.zeros([4]);
  assert.throws(() => s.addPenaltyGradients([wrong]), /shape/);
  tf.dispose([...v, wrong]);
  s.dispose();
});

Deno.test("covariance eigenvalues and rank of hand-made matrices", async (t) => {
  await t.step("rotated diagonal covariance has the planted eigenvalues", () => {
    // Rows ±a_j·q_j (two per column of Q), built so that the covariance is Q diag(λ) Qᵀ.
    const lambda = [5, 2, 0.5, 0];
    const c = Math.cos(0.7), s = Math.sin(0.7);
    const q = [[c, -s, 0, 0], [s, c, 0, 0], [0, 0, c, -s], [0, 0, s, c]];
    const rows: number[] = [];
    for (let j = 0; j < 4; j++) {
      for (const sign of [1, -1]) {
        // Each ±a·q_j pair contributes 2a²/(count − 1) to the covariance along q_j.
        const amp = sign * Math.sqrt((lambda[j] * 7) / 2);
        rows.push(...q.map((row) => amp * row[j]));
      }
    }
    const ev = covarianceEigenvalues(rows, 8, 4);
    [0, 0.5, 2, 5].forEach((want, i) => assert.ok(Math.abs(ev[i] - want) < 1e-9, `${ev[i]} vs ${want}`));
    assert.equal(covarianceRank(rows, 8, 4, 1e-6), 3);
    assert.equal(covarianceRank(rows, 8, 4, 1), 2);
    assert.equal(covarianceRank(rows, 8, 4, 10), 0);
  });
  await t.step("duplicated columns (identical neurons) lose rank", () => {
    const rng = new Pcg32(3);
    const z = fillNormal(rng, new Float64Array(200 * 3));
    const rows = new Float64Array(200 * 5);
    for (let r = 0; r < 200; r++) {
      const [a, b, c] = z.subarray(r * 3, r * 3 + 3);
      rows.set([a, b, c, a, b], r * 5);
    }
    assert.equal(covarianceRank(rows, 200, 5, 1e-6), 3);
  });
  await t.step("bad sizes are rejected", () => {
    assert.throws(() => covarianceRank([1, 2, 3], 2, 2), /expected 2×2 values, got 3/);
    assert.throws(() => covarianceRank([1, 2], 1, 2), RangeError);
  });
});

Deno.test("degree of symmetry counts near-orthogonal directions", () => {
  const w = [0.5, -2e-4, 0, 3];
  assert.equal(degreeOfSymmetry(w, "axes", 1e-3), 2);
  assert.equal(degreeOfSymmetry(w, "axes", 1e-5), 1);
  // vᵀw for these three: 0.5/√2, −2e-4/√2 (symmetric), −3/√2.
  const r = Math.SQRT1_2;
  const v = [[r, 0, r, 0], [0, r, r, 0], [0, 0, r, -r]];
  assert.equal(degreeOfSymmetry(w, v, 1e-3), 1);
  assert.throws(() => degreeOfSymmetry(w, [[1, 0]], 1e-3), RangeError);
  assert.throws(() => degreeOfSymmetry(w, "axes", 0), RangeError);
});

Deno.test("W-fix holds exactly the drawn fraction fixed through training", () => {
  const part = drawWFix(1000, 2, { seed: 5, phi: 0.3, kappa: 0.01 });
  assert.equal(part.mask.reduce((s, m) => s + m, 0), 300);
  assert.deepEqual(drawWFix(1000, 2, { seed: 5, phi: 0.3, kappa: 0.01 }), part);
  assert.notDeepEqual(drawWFix(1000, 3, { seed: 5, phi: 0.3, kappa: 0.01 }).mask, part.mask);
  const net = new Mlp([4, 10, 2], 1);
  const wfix = new WFix(net.variables, { seed: 5, phi: 0.3, kappa: 0.01 });
  wfix.apply();
  const x = tf.tensor2d(fillNormal(new Pcg32(1), new Float32Array(8 * 4)), [8, 4]);
  const y = tf.ones([8, 2]) as TF.Tensor2D;
  const sgd = tf.train.sgd(0.1);
  const start = net.variables.map((v) => v.dataSync().slice());
  for (let i = 0; i < 5; i++) {
    const g = net.gradients(x, y), raw = [...g.weights, ...g.biases];
    const masked = wfix.maskGradients(raw);
    sgd.applyGradients(net.variables.map((v, k) => ({ name: v.name, tensor: masked[k] })));
    tf.dispose([...raw, ...masked]);
  }
  net.variables.forEach((v, k) => {
    const now = v.dataSync(), { mask, values } = wfix.parts[k];
    let moved = 0;
    for (let i = 0; i < now.length; i++) {
      if (mask[i]) assert.equal(now[i], values[i]);
      else if (now[i] !== start[k][i]) moved++;
    }
    if (k === 0) assert.ok(moved > 0);
  });
  tf.dispose([x, y]);
  sgd.dispose();
  wfix.dispose();
  net.dispose();
});
