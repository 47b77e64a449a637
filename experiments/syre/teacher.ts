import { tf } from "../../src/nn/tf.ts";
import { initBackend } from "../../src/nn/backend.ts";
import { Pcg32 } from "../../src/random/pcg32.ts";
import { fillNormal } from "../../src/random/normal.ts";
import { deriveSeed } from "../../src/random/seed.ts";
import { covarianceRank } from "../../src/syre/metrics.ts";
import { Syre } from "../../src/syre/syre.ts";
import { TanhClassifier } from "../../src/nn/tanh_classifier.ts";

/** One run of {@linkcode runTeacher}. */
export interface TeacherJob {
  /** Input dimension. */
  inputs: number;
  /** Hidden units of teacher and student (the paper: 300). */
  hidden: number;
  /** Classes (the paper: 10). */
  classes: number;
  /** Training samples (the paper: 10,000). */
  train: number;
  /** Test samples, also the batch whose covariance is read (the paper: 1,000). */
  test: number;
  /** Epochs. */
  epochs: number;
  /** Mini-batch size. */
  batch: number;
  /** Adam learning rate (the paper: 0.01). */
  learningRate: number;
  /** Weight decay γ (the paper: 0.01). */
  gamma: number;
  /**
   * syre's σ₀, absolute (the same for every tensor, whatever its fan-in), so
   * that ‖θ₀‖ of a neuron's incoming weights grows as √inputs as in the
   * paper's Figure 2; 0 = vanilla.
   */
  sigma: number;
  /** Fraction of training labels changed to another class. */
  labelNoise: number;
  /** Standard deviation of Gaussian noise added to every training batch, drawn afresh. */
  inputNoise: number;
  /** Eigenvalues below it count as zero in the rank. */
  threshold: number;
  /** Run seed: teacher, data, student and θ₀ derive from it. */
  seed: number;
}

/** The outcome of one teacher–student run. */
export interface TeacherRow {
  /** `"vanilla"` or `"syre"`. */
  method: string;
  /** Input dimension. */
  inputs: number;
  /** Fraction of training labels changed. */
  label_noise: number;
  /** Input noise standard deviation. */
  input_noise: number;
  /** Rank of the covariance of the first-layer output on the test inputs. */
  rank: number;
  /** The threshold of the rank. */
  threshold: number;
  /** Final training cross-entropy (on the labels trained on, without penalty). */
  train_loss: number;
  /** Accuracy on the test inputs against the teacher's labels. */
  test_accuracy: number;
  /** Run seed. */
  seed: number;
}

/**
 * One teacher–student run of the syre paper's Figures 2 and 10: a random
 * two-layer tanh teacher labels standard Gaussian inputs by its largest
 * output; a student of the same shape learns them with Adam on
 * cross-entropy plus weight decay γ‖θ‖² (vanilla) or γ‖θ − θ₀‖² on the
 * shifted parameters (syre, via {@linkcode Syre}); then the rank of the
 * covariance of the student's first-layer output on the test inputs.
 *
 * @param job The run.
 * @returns The rank, loss and accuracy.
 *
 * @example A tiny run
 * ```ts
 * import { runTeacher } from "./teacher.ts";
 * import assert from "node:assert/strict";
 *
 * const row = await runTeacher({ inputs: 5, hidden: 8, classes: 3, train: 200, test: 100, epochs: 2,
 *   batch: 50, learningRate: 0.01, gamma: 0.01, sigma: 0, labelNoise: 0, inputNoise: 0,
 *   threshold: 1e-4, seed: 1 });
 * assert.equal(row.method, "vanilla");
 * assert.ok(row.rank >= 1 && row.rank <= 8);
 * ```
 */
export async function runTeacher(job: TeacherJob): Promise<TeacherRow> {
  await initBackend();
  const { inputs: d, hidden, classes, seed } = job;
  const teacher = new TanhClassifier(d, hidden, classes, deriveSeed(seed, "teacher:teacher"));
  const dataRng = new Pcg32(deriveSeed(seed, "teacher:data"));
  const xTrain = fillNormal(dataRng, new Float32Array(job.train * d));
  const xTest = fillNormal(dataRng, new Float32Array(job.test * d));
  const yTrain = labelsOf(teacher, xTrain, job.train, d);
  const yTest = labelsOf(teacher, xTest, job.test, d);
  teacher.dispose();
  const noiseRng = new Pcg32(deriveSeed(seed, "teacher:label-noise"));
  for (let n = 0; n < job.train; n++) {
    if (noiseRng.nextFloat() < job.labelNoise) {
      yTrain[n] = (yTrain[n] + 1 + noiseRng.nextInt(classes - 1)) % classes;
    }
  }
  const student = new TanhClassifier(d, hidden, classes, deriveSeed(seed, "teacher:student"));
  const syre = new Syre(student.variables, {
    seed: deriveSeed(seed, "teacher:syre"),
    gamma: job.gamma,
    sigma: job.sigma,
    fanIn: () => 1,
  });
  syre.shift();
  const optimizer = tf.train.adam(job.learningRate, 0.9, 0.999, 1e-8);
  const orderRng = new Pcg32(deriveSeed(seed, "teacher:order"));
  const augmentRng = new Pcg32(deriveSeed(seed, "teacher:input-noise"));
  const order = Uint32Array.from({ length: job.train }, (_, i) => i);
  const xb = new Float32Array(job.batch * d), yb = new Float32Array(job.batch * classes);
  for (let epoch = 0; epoch < job.epochs; epoch++) {
    for (let i = order.length - 1; i > 0; i--) {
      const j = orderRng.nextInt(i + 1);
      [order[i], order[j]] = [order[j], order[i]];
    }
    for (let start = 0; start + job.batch <= job.train; start += job.batch) {
      yb.fill(0);
      for (let r = 0; r < job.batch; r++) {
        const n = order[start + r];
        xb.set(xTrain.subarray(n * d, (n + 1) * d), r * d);
        yb[r * classes + yTrain[n]] = 1;
      }
      if (job.inputNoise > 0) {
        const noise = fillNormal(augmentRng, new Float32Array(xb.length), job.inputNoise);
        for (let k = 0; k < xb.length; k++) xb[k] += noise[k];
      }
      const x = tf.tensor2d(xb, [job.batch, d]), y = tf.tensor2d(yb, [job.batch, classes]);
      const grads = student.gradients(x, y);
      syre.applyGradients(optimizer, grads);
      tf.dispose([x, y, ...grads]);
    }
  }
  const xt = tf.tensor2d(xTest, [job.test, d]);
  const h = student.hidden(xt);
  const rank = covarianceRank(h.dataSync(), job.test, hidden, job.threshold);
  const predicted = tf.tidy(() => tf.argMax(student.logits(xt), 1));
  const p = predicted.dataSync();
  let correct = 0;
  for (let n = 0; n < job.test; n++) if (p[n] === yTest[n]) correct++;
  const trainX = tf.tensor2d(xTrain, [job.train, d]);
  const onehot = tf.oneHot(tf.tensor1d(yTrain, "int32"), classes) as tf.Tensor2D;
  const trainLoss = student.loss(trainX, onehot);
  tf.dispose([xt, h, predicted, trainX, onehot]);
  optimizer.dispose();
  syre.dispose();
  student.dispose();
  return {
    method: job.sigma === 0 ? "vanilla" : "syre",
    inputs: d,
    label_noise: job.labelNoise,
    input_noise: job.inputNoise,
    rank,
    threshold: job.threshold,
    train_loss: trainLoss,
    test_accuracy: correct / job.test,
    seed,
  };
}

function labelsOf(net: TanhClassifier, x: Float32Array, rows: number, d: number): Int32Array {
  const xt = tf.tensor2d(x, [rows, d]);
  const labels = tf.tidy(() => tf.argMax(net.logits(xt), 1));
  const out = Int32Array.from(labels.dataSync());
  tf.dispose([xt, labels]);
  return out;
}
