/**
 * A seeded PCG32 generator (XSH RR variant, 64-bit state): every random draw
 * in symbreak comes from one of these, so the same seed gives the same bytes.
 *
 * @example Same seed, same stream
 * ```ts
 * import { Pcg32 } from "./pcg32.ts";
 * import assert from "node:assert/strict";
 *
 * const a = new Pcg32(42);
 * const b = new Pcg32(42);
 * assert.equal(a.nextUint32(), b.nextUint32());
 * assert.ok(a.nextFloat() < 1);
 * ```
 *
 * @example The reference implementation's output for seed 42, stream 54
 * ```ts
 * import { Pcg32 } from "./pcg32.ts";
 * import assert from "node:assert/strict";
 *
 * const rng = new Pcg32(42, 54);
 * const first = Array.from({ length: 3 }, () => rng.nextUint32());
 * assert.deepEqual(first, [0xa15c02b7, 0x7b47f409, 0xba1d3330]);
 * ```
 */
export class Pcg32 {
  // 64-bit state and increment, each as two unsigned 32-bit halves: BigInt
  // arithmetic is about 20× slower and this runs once per random number.
  private _hi = 0;
  private _lo = 0;
  private readonly _incHi: number;
  private readonly _incLo: number;

  /**
   * Creates a generator, seeded as `pcg32_srandom_r(seed, stream)` in the
   * reference C implementation.
   *
   * @param seed Any safe integer; different seeds give independent-looking streams.
   * @param stream Selects one of 2^31 streams for the same seed.
   */
  constructor(seed: number, stream = 0x5851f42d) {
    if (!Number.isSafeInteger(seed)) {
      throw new TypeError(`Cannot seed generator: seed must be a safe integer, got ${seed}`);
    }
    if (!Number.isInteger(stream) || stream < 0 || stream > 0x7fffffff) {
      throw new RangeError(`Cannot seed generator: stream must be in [0, 2^31), got ${stream}`);
    }
    this._incLo = ((stream << 1) | 1) >>> 0;
    this._incHi = stream >>> 31;
    this.nextUint32();
    const seedLo = seed >>> 0;
    const seedHi = Math.floor(seed / 0x100000000) >>> 0;
    const lo = this._lo + seedLo;
    this._lo = lo >>> 0;
    this._hi = (this._hi + seedHi + (lo > 0xffffffff ? 1 : 0)) >>> 0;
    this.nextUint32();
  }

  /**
   * Returns the next 32-bit unsigned integer and advances the state.
   *
   * @returns An integer in [0, 2^32).
   *
   * @example Pinned output
   * ```ts
   * import { Pcg32 } from "./pcg32.ts";
   * import assert from "node:assert/strict";
   *
   * assert.equal(new Pcg32(42).nextUint32(), 1750802603);
   * ```
   */
  nextUint32(): number {
    const oh = this._hi, ol = this._lo;
    // state = state * MULT + inc (mod 2^64), with 16-bit limbs for the low product.
    const a0 = ol & 0xffff, a1 = ol >>> 16;
    const p00 = a0 * ML0, mid = a0 * ML1 + a1 * ML0, p11 = a1 * ML1;
    const low = p00 + (mid % 65536) * 65536;
    const carry = Math.floor(low / 0x100000000);
    let hi = (p11 + Math.floor(mid / 65536) + carry + Math.imul(oh, ML) + Math.imul(ol, MH)) >>> 0;
    const lo = (low >>> 0) + this._incLo;
    hi = (hi + this._incHi + (lo > 0xffffffff ? 1 : 0)) >>> 0;
    this._lo = lo >>> 0;
    this._hi = hi;
    // Output: rotr32(((old >> 18) ^ old) >> 27, old >> 59).
    const xh = oh ^ (oh >>> 18);
    const xl = ol ^ ((ol >>> 18) | (oh << 14));
    const xorshifted = ((xl >>> 27) | (xh << 5)) >>> 0;
    const rot = oh >>> 27;
    return ((xorshifted >>> rot) | (xorshifted << ((-rot) & 31))) >>> 0;
  }

  /**
   * Returns a float in [0, 1) with 53 random bits (two 32-bit draws).
   *
   * @returns A float in [0, 1).
   *
   * @example Always below one
   * ```ts
   * import { Pcg32 } from "./pcg32.ts";
   * import assert from "node:assert/strict";
   *
   * const rng = new Pcg32(5);
   * for (let i = 0; i < 1000; i++) {
   *   const u = rng.nextFloat();
   *   assert.ok(u >= 0 && u < 1);
   * }
   * ```
   */
  nextFloat(): number {
    const hi = this.nextUint32() >>> 5; // 27 bits
    const lo = this.nextUint32() >>> 6; // 26 bits
    return (hi * 67108864 + lo) / 9007199254740992;
  }

  /**
   * Returns an integer in [0, bound), without modulo bias (rejection sampling).
   *
   * @param bound Exclusive upper bound, an integer from 1 to 2^32.
   * @returns An integer in [0, bound).
   * @throws {RangeError} If `bound` is not an integer in [1, 2^32].
   *
   * @example Die rolls
   * ```ts
   * import { Pcg32 } from "./pcg32.ts";
   * import assert from "node:assert/strict";
   *
   * const rng = new Pcg32(7);
   * assert.deepEqual(Array.from({ length: 5 }, () => rng.nextInt(6)), [3, 2, 2, 0, 1]);
   * assert.throws(() => rng.nextInt(0), RangeError);
   * ```
   */
  nextInt(bound: number): number {
    if (!Number.isInteger(bound) || bound < 1 || bound > 0x100000000) {
      throw new RangeError(`Cannot draw integer: bound must be in [1, 2^32], got ${bound}`);
    }
    const threshold = (0x100000000 - bound) % bound;
    for (;;) {
      const r = this.nextUint32();
      if (r >= threshold) return r % bound;
    }
  }
}

// The PCG multiplier 6364136223846793005 as 32-bit halves and 16-bit limbs.
const MH = 0x5851f42d;
const ML = 0x4c957f2d;
const ML0 = ML & 0xffff;
const ML1 = ML >>> 16;
