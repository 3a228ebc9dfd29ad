/** Right-hand side of y' = f(t, y): writes f(t, y) into `dydt` (length of `y`). */
export type Rhs = (t: number, y: Float64Array, dydt: Float64Array) => void;

/** Options for {@link dopri5}. */
export interface DopriOptions {
  /** Relative tolerance (default 1e-8). */
  rtol?: number;
  /** Absolute tolerance (default 1e-10). */
  atol?: number;
  /** Initial step; chosen automatically (Hairer's algorithm) when absent. */
  h0?: number;
  /** Largest allowed step (default t1 − t0). */
  hmax?: number;
  /** Maximum number of attempted steps, accepted plus rejected (default 1e6). */
  maxSteps?: number;
  /** Output times, ascending within [t0, t1], filled by dense output; when absent every accepted step is returned. */
  tEval?: readonly number[];
  /** Times where the right-hand side jumps; the solver lands on each one inside (t0, t1) exactly and restarts there. */
  breakpoints?: readonly number[];
}

/** Solution of {@link dopri5}: states `y[i]` at times `t[i]` plus work statistics. */
export interface DopriResult {
  t: number[];
  y: Float64Array[];
  /** Number of right-hand-side evaluations. */
  nfev: number;
  /** Accepted steps. */
  steps: number;
  /** Rejected steps. */
  rejected: number;
}

/** Why {@link dopri5} gave up. */
export type SolverFailure = "non-finite" | "step-underflow" | "max-steps";

/** Thrown by {@link dopri5} when integration cannot continue; `t` is where it stopped. */
export class SolverError extends Error {
  /** @param t time reached when the failure was detected
   *  @param reason what went wrong */
  constructor(
    readonly t: number,
    readonly reason: SolverFailure,
  ) {
    super(`dopri5 failed at t=${t}: ${reason}`);
    this.name = "SolverError";
  }
}

// Dormand–Prince 5(4) tableau, 5th-order weights (FSAL: b = a7), error weights e = b − b̂
// and the dense-output coefficients of Hairer's DOPRI5 (contd5).
// prettier-ignore
const C2 = 1 / 5, C3 = 3 / 10, C4 = 4 / 5, C5 = 8 / 9,
  A21 = 1 / 5,
  A31 = 3 / 40, A32 = 9 / 40,
  A41 = 44 / 45, A42 = -56 / 15, A43 = 32 / 9,
  A51 = 19372 / 6561, A52 = -25360 / 2187, A53 = 64448 / 6561, A54 = -212 / 729,
  A61 = 9017 / 3168, A62 = -355 / 33, A63 = 46732 / 5247, A64 = 49 / 176, A65 = -5103 / 18656,
  A71 = 35 / 384, A73 = 500 / 1113, A74 = 125 / 192, A75 = -2187 / 6784, A76 = 11 / 84,
  E1 = 71 / 57600, E3 = -71 / 16695, E4 = 71 / 1920, E5 = -17253 / 339200, E6 = 22 / 525, E7 = -1 / 40,
  D1 = -12715105075 / 11282082432, D3 = 87487479700 / 32700410799, D4 = -10690763975 / 1880347072,
  D5 = 701980252875 / 199316789632, D6 = -1453857185 / 822651844, D7 = 69997945 / 29380423;

const SAFETY = 0.9;
const FAC_MIN = 0.2;
const FAC_MAX = 5;
const BETA = 0.04;
const ALPHA = 0.2 - 0.75 * BETA;

const bits = new Float64Array(1);
const word = new BigInt64Array(bits.buffer);

/** Adjacent double of a finite `x` towards +∞ (`up`) or −∞. */
function nextAfter(x: number, up: boolean): number {
  if (x === 0) return up ? Number.MIN_VALUE : -Number.MIN_VALUE;
  bits[0] = x;
  word[0] += x > 0 === up ? 1n : -1n;
  return bits[0];
}

function allFinite(v: Float64Array): boolean {
  for (let i = 0; i < v.length; i++) if (!Number.isFinite(v[i])) return false;
  return true;
}

function checkTimes(times: readonly number[], t0: number, t1: number): void {
  for (let i = 0; i < times.length; i++) {
    if (!(times[i] >= t0 && times[i] <= t1) || (i > 0 && times[i] < times[i - 1])) {
      throw new RangeError(`tEval must be ascending within [${t0}, ${t1}]`);
    }
  }
}

/** The options of {@link dopri5} with their defaults filled in. */
interface Settings {
  rtol: number;
  atol: number;
  hmax: number;
  maxSteps: number;
  h0: number | undefined;
  tEval: readonly number[] | undefined;
}

/**
 * Integrates y' = f(t, y) from t0 to t1 (t1 ≥ t0) with the adaptive Dormand–Prince 5(4)
 * method: FSAL, Hairer–Nørsett–Wanner RMS error norm, PI step control (safety 0.9, factor
 * in [0.2, 5]) and Hairer's initial-step heuristic. With `tEval`, states are reported at
 * exactly those times using the 4th-order continuous extension; otherwise at every accepted
 * step. The integration is split at `breakpoints`, landing on each exactly; within a segment
 * the rhs is only evaluated strictly inside it (one ulp in from a breakpoint), so a jump
 * written as `t >= b` or `t > b` is seen on the correct side. Throws {@link SolverError}
 * on non-finite values, step-size underflow, or more than `maxSteps` attempted steps.
 */
export function dopri5(
  rhs: Rhs,
  y0: Float64Array,
  t0: number,
  t1: number,
  opts: DopriOptions = {},
): DopriResult {
  if (!(Number.isFinite(t0) && Number.isFinite(t1) && t1 >= t0)) {
    throw new RangeError(`dopri5 needs finite t0 <= t1, got [${t0}, ${t1}]`);
  }
  const settings = resolveOptions(opts, t0, t1);
  const run = new Dopri5Run(rhs, y0, t0, t1, settings);
  for (const stop of segmentEnds(opts.breakpoints, t0, t1)) run.integrateSegment(stop);
  return run.result;
}

// ---- Options ----

function resolveOptions(opts: DopriOptions, t0: number, t1: number): Settings {
  const tEval = opts.tEval;
  if (tEval) checkTimes(tEval, t0, t1);
  return {
    rtol: opts.rtol ?? 1e-8,
    atol: opts.atol ?? 1e-10,
    hmax: opts.hmax ?? t1 - t0,
    maxSteps: opts.maxSteps ?? 1e6,
    h0: opts.h0,
    tEval,
  };
}

/** Ends of the integration segments: the distinct breakpoints inside (t0, t1), ascending, then t1. */
function segmentEnds(breakpoints: readonly number[] | undefined, t0: number, t1: number): number[] {
  const inside = (breakpoints ?? []).filter((b) => b > t0 && b < t1);
  return t1 > t0 ? [...new Set(inside)].sort((a, b) => a - b).concat(t1) : [];
}

// ---- Step-size control ----

/** Factor by which a rejected step is shrunk. */
function rejectedFactor(err: number, nonFinite: boolean): number {
  return nonFinite ? FAC_MIN : Math.max(FAC_MIN, SAFETY * err ** -ALPHA);
}

/** PI-controller factor for the step after an accepted one (no growth right after a rejection). */
function acceptedFactor(err: number, errOld: number, rejectedLast: boolean): number {
  const fac = err === 0 ? FAC_MAX : SAFETY * err ** -ALPHA * errOld ** BETA;
  return Math.min(rejectedLast ? 1 : FAC_MAX, Math.max(FAC_MIN, fac));
}

/** One integration: the state, the stage vectors (reused), the output and the work counts. */
class Dopri5Run {
  readonly result: DopriResult = { t: [], y: [], nfev: 0, steps: 0, rejected: 0 };
  private readonly n: number;
  private y: Float64Array;
  private yNew: Float64Array;
  private k1: Float64Array;
  private k7: Float64Array;
  private readonly k2: Float64Array;
  private readonly k3: Float64Array;
  private readonly k4: Float64Array;
  private readonly k5: Float64Array;
  private readonly k6: Float64Array;
  private readonly yStage: Float64Array;
  /** Dense-output coefficients of the last accepted step. */
  private readonly r: [Float64Array, Float64Array, Float64Array, Float64Array];
  private t: number;
  /** The rhs is evaluated only at times clamped into [lo, hi] (the current segment). */
  private lo: number;
  private hi: number;
  /** Index of the next `tEval` time to report. */
  private next = 0;

  constructor(
    private readonly rhs: Rhs,
    y0: Float64Array,
    private readonly t0: number,
    private readonly t1: number,
    private readonly s: Settings,
  ) {
    const n = y0.length;
    this.n = n;
    this.y = Float64Array.from(y0);
    this.yNew = new Float64Array(n);
    this.k1 = new Float64Array(n);
    this.k7 = new Float64Array(n);
    this.k2 = new Float64Array(n);
    this.k3 = new Float64Array(n);
    this.k4 = new Float64Array(n);
    this.k5 = new Float64Array(n);
    this.k6 = new Float64Array(n);
    this.yStage = new Float64Array(n);
    this.r = [new Float64Array(n), new Float64Array(n), new Float64Array(n), new Float64Array(n)];
    this.t = t0;
    this.lo = t0;
    this.hi = t1;
    const { tEval } = s;
    if (tEval)
      for (; this.next < tEval.length && tEval[this.next] === t0; this.next++)
        this.emit(t0, this.y);
    else this.emit(t0, this.y);
  }

  private emit(tOut: number, yOut: Float64Array): void {
    this.result.t.push(tOut);
    this.result.y.push(Float64Array.from(yOut));
  }

  /** The rhs at a time clamped into the current segment, counted. */
  private f(s: number, ys: Float64Array, out: Float64Array): void {
    this.rhs(s < this.lo ? this.lo : s > this.hi ? this.hi : s, ys, out);
    this.result.nfev++;
  }

  /** Hairer's RMS norm of `v` scaled by atol + rtol·|scaleBy|. */
  private norm(v: Float64Array, scaleBy: Float64Array): number {
    const { n } = this;
    const { atol, rtol } = this.s;
    let sum = 0;
    for (let i = 0; i < n; i++) {
      const r = v[i] / (atol + rtol * Math.abs(scaleBy[i]));
      sum += r * r;
    }
    return n > 0 ? Math.sqrt(sum / n) : 0;
  }

  /** Hairer's initial-step heuristic (uses k1 = f(t, y); clobbers k2, k3 and yStage). */
  private initialStep(span: number): number {
    const { n, y, k1, k2, k3, yStage, t } = this;
    const d0 = this.norm(y, y);
    const d1 = this.norm(k1, y);
    const h = Math.min(d0 < 1e-5 || d1 < 1e-5 ? 1e-6 : (0.01 * d0) / d1, span);
    for (let i = 0; i < n; i++) yStage[i] = y[i] + h * k1[i];
    this.f(t + h, yStage, k2);
    for (let i = 0; i < n; i++) k3[i] = k2[i] - k1[i];
    const d2 = this.norm(k3, y) / h;
    const dMax = Math.max(d1, d2);
    const h1 = dMax <= 1e-15 ? Math.max(1e-6, h * 1e-3) : (0.01 / dMax) ** (1 / 5);
    return Math.min(100 * h, h1, span);
  }

  /** Integrates from the current time to `stop`, landing on it exactly. */
  integrateSegment(stop: number): void {
    const { t0, t1, result } = this;
    const { hmax, maxSteps } = this.s;
    this.lo = this.t === t0 ? t0 : nextAfter(this.t, true);
    this.hi = stop === t1 ? t1 : nextAfter(stop, false);
    this.f(this.t, this.y, this.k1);
    if (!allFinite(this.k1)) throw new SolverError(this.t, "non-finite");
    const span = Math.min(hmax, stop - this.t);
    let h = Math.min(this.s.h0 ?? this.initialStep(span), span);
    let errOld = 1e-4;
    let rejectedLast = false;
    let nonFinite = false;

    while (this.t < stop) {
      const t = this.t;
      if (result.steps + result.rejected >= maxSteps) throw new SolverError(t, "max-steps");
      if (!(h > 10 * Number.EPSILON * Math.abs(t)) || t + h === t) {
        throw new SolverError(t, nonFinite ? "non-finite" : "step-underflow");
      }
      const last = t + 1.01 * h >= stop;
      if (last) h = stop - t;
      const tNew = last ? stop : t + h;

      const err = this.tryStep(h, tNew);
      nonFinite = !Number.isFinite(err) || !allFinite(this.k7);
      if (nonFinite || err > 1) {
        result.rejected++;
        h *= rejectedFactor(err, nonFinite);
        rejectedLast = true;
        continue;
      }
      this.record(h, tNew);
      this.accept(tNew);
      const fac = acceptedFactor(err, errOld, rejectedLast);
      errOld = Math.max(err, 1e-4);
      rejectedLast = false;
      h = Math.min(h * fac, hmax);
    }
  }

  /**
   * One Dormand–Prince step of size h from (t, y): the stages k2…k7, the 5th-order
   * solution in yNew (k7 = f(tNew, yNew), FSAL) and the RMS norm of the embedded
   * 4th-order error estimate, which is returned.
   */
  private tryStep(h: number, tNew: number): number {
    const { n, y, yNew, k1, k2, k3, k4, k5, k6, k7, yStage, t } = this;
    const { atol, rtol } = this.s;
    for (let i = 0; i < n; i++) yStage[i] = y[i] + h * A21 * k1[i];
    this.f(t + C2 * h, yStage, k2);
    for (let i = 0; i < n; i++) yStage[i] = y[i] + h * (A31 * k1[i] + A32 * k2[i]);
    this.f(t + C3 * h, yStage, k3);
    for (let i = 0; i < n; i++) yStage[i] = y[i] + h * (A41 * k1[i] + A42 * k2[i] + A43 * k3[i]);
    this.f(t + C4 * h, yStage, k4);
    for (let i = 0; i < n; i++) {
      yStage[i] = y[i] + h * (A51 * k1[i] + A52 * k2[i] + A53 * k3[i] + A54 * k4[i]);
    }
    this.f(t + C5 * h, yStage, k5);
    for (let i = 0; i < n; i++) {
      yStage[i] = y[i] + h * (A61 * k1[i] + A62 * k2[i] + A63 * k3[i] + A64 * k4[i] + A65 * k5[i]);
    }
    this.f(tNew, yStage, k6);
    for (let i = 0; i < n; i++) {
      yNew[i] = y[i] + h * (A71 * k1[i] + A73 * k3[i] + A74 * k4[i] + A75 * k5[i] + A76 * k6[i]);
    }
    this.f(tNew, yNew, k7);

    let sum = 0;
    for (let i = 0; i < n; i++) {
      const e = h * (E1 * k1[i] + E3 * k3[i] + E4 * k4[i] + E5 * k5[i] + E6 * k6[i] + E7 * k7[i]);
      const r = e / (atol + rtol * Math.max(Math.abs(y[i]), Math.abs(yNew[i])));
      sum += r * r;
    }
    return n > 0 ? Math.sqrt(sum / n) : 0;
  }

  /** Reports the accepted step t → tNew: every `tEval` time it covers, or tNew itself. */
  private record(h: number, tNew: number): void {
    const { tEval } = this.s;
    if (tEval && this.next < tEval.length && tEval[this.next] <= tNew) {
      this.denseOutput(tEval, h, tNew);
    } else if (!tEval) {
      this.emit(tNew, this.yNew);
    }
  }

  /** Emits the `tEval` times in (t, tNew] from the continuous extension (contd5). */
  private denseOutput(tEval: readonly number[], h: number, tNew: number): void {
    const { n, y, yNew, k1, k3, k4, k5, k6, k7, yStage, t } = this;
    const [r2, r3, r4, r5] = this.r;
    for (let i = 0; i < n; i++) {
      const dy = yNew[i] - y[i];
      const bspl = h * k1[i] - dy;
      r2[i] = dy;
      r3[i] = bspl;
      r4[i] = dy - h * k7[i] - bspl;
      r5[i] = h * (D1 * k1[i] + D3 * k3[i] + D4 * k4[i] + D5 * k5[i] + D6 * k6[i] + D7 * k7[i]);
    }
    for (; this.next < tEval.length && tEval[this.next] <= tNew; this.next++) {
      const tOut = tEval[this.next];
      if (tOut === tNew) {
        this.emit(tNew, yNew);
        continue;
      }
      const s = (tOut - t) / h;
      const s1 = 1 - s;
      for (let i = 0; i < n; i++) {
        yStage[i] = y[i] + s * (r2[i] + s1 * (r3[i] + s * (r4[i] + s1 * r5[i])));
      }
      this.emit(tOut, yStage);
    }
  }

  /** Moves to tNew: yNew becomes y and k7 becomes k1 (FSAL), by swapping buffers. */
  private accept(tNew: number): void {
    const yOld = this.y;
    this.y = this.yNew;
    this.yNew = yOld;
    const k1Old = this.k1;
    this.k1 = this.k7;
    this.k7 = k1Old;
    this.t = tNew;
    this.result.steps++;
  }
}
