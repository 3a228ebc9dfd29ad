import { describe, expect, it } from "vitest";
import { type Rhs, SolverError, dopri5 } from "./dopri.js";

const linspace = (a: number, b: number, n: number): number[] =>
  Array.from({ length: n }, (_, i) => (i === n - 1 ? b : a + ((b - a) * i) / (n - 1)));

function maxError(t: number[], y: Float64Array[], exact: (t: number) => number[]): number {
  let worst = 0;
  t.forEach((ti, i) => {
    exact(ti).forEach((v, j) => (worst = Math.max(worst, Math.abs(y[i][j] - v))));
  });
  return worst;
}

const oscillator =
  (w: number): Rhs =>
  (_t, y, dydt) => {
    dydt[0] = y[1];
    dydt[1] = -w * w * y[0];
  };

describe("dopri5 against closed forms", () => {
  it("solves exponential decay and returns every accepted step, ending exactly at t1", () => {
    const k = 0.7;
    const res = dopri5((_t, y, d) => (d[0] = -k * y[0]), Float64Array.of(2), 0, 5);
    expect(res.t[0]).toBe(0);
    expect(res.t.at(-1)).toBe(5);
    expect(res.t.length).toBe(res.steps + 1);
    expect(res.steps).toBeGreaterThan(5);
    res.t.forEach((t, i) =>
      expect(Math.abs(res.y[i][0] / (2 * Math.exp(-k * t)) - 1)).toBeLessThan(1e-8),
    );
    // FSAL: one call at t0, one for the initial-step guess, then six per attempted step.
    expect(res.nfev).toBe(2 + 6 * (res.steps + res.rejected));
  });

  it("solves the harmonic oscillator over five periods", () => {
    const w = 2;
    const t1 = 5 * Math.PI;
    const res = dopri5(oscillator(w), Float64Array.of(1, 0), 0, t1);
    const err = maxError(res.t, res.y, (t) => [Math.cos(w * t), -w * Math.sin(w * t)]);
    expect(err).toBeLessThan(1e-7);
  });

  it("solves logistic growth", () => {
    const [r, K, y0] = [1.5, 10, 0.1];
    const res = dopri5(
      (_t, y, d) => (d[0] = r * y[0] * (1 - y[0] / K)),
      Float64Array.of(y0),
      0,
      10,
    );
    const exact = (t: number) => [K / (1 + (K / y0 - 1) * Math.exp(-r * t))];
    expect(maxError(res.t, res.y, exact)).toBeLessThan(1e-7);
  });

  it("solves a 2-D linear system y' = A y against exp(A t) y0", () => {
    // A = [[-2, 1], [1, -2]] has eigenpairs (-1, [1, 1]) and (-3, [1, -1]).
    const rhs: Rhs = (_t, y, d) => {
      d[0] = -2 * y[0] + y[1];
      d[1] = y[0] - 2 * y[1];
    };
    const [a, b] = [1, -0.5];
    const exact = (t: number) => {
      const p = ((a + b) / 2) * Math.exp(-t);
      const q = ((a - b) / 2) * Math.exp(-3 * t);
      return [p + q, p - q];
    };
    const res = dopri5(rhs, Float64Array.of(a, b), 0, 4, { tEval: linspace(0, 4, 41) });
    expect(res.t).toEqual(linspace(0, 4, 41));
    expect(maxError(res.t, res.y, exact)).toBeLessThan(1e-8);
  });
});

describe("dopri5 breakpoints", () => {
  const [k, A, y0, on] = [2, 3, 1, 1.37];
  const exact = (t: number) => {
    const free = y0 * Math.exp(-k * t);
    return [t < on ? free : free + (A / k) * (1 - Math.exp(-k * (t - on)))];
  };

  it.each([
    ["t >= on", (t: number) => t >= on],
    ["t > on", (t: number) => t > on],
  ])("lands exactly on a step input switching on at t = 1.37 (%s)", (_label, isOn) => {
    const rhs: Rhs = (t, y, d) => (d[0] = -k * y[0] + (isOn(t) ? A : 0));
    const steps = dopri5(rhs, Float64Array.of(y0), 0, 4, { breakpoints: [on] });
    expect(steps.t).toContain(on);
    expect(maxError(steps.t, steps.y, exact)).toBeLessThan(1e-8);

    const tEval = [...linspace(0, 4, 81), on].sort((p, q) => p - q);
    const dense = dopri5(rhs, Float64Array.of(y0), 0, 4, { breakpoints: [on], tEval });
    expect(dense.t).toEqual(tEval);
    expect(maxError(dense.t, dense.y, exact)).toBeLessThan(1e-7);
    // tEval does not change the steps, so output at a step end is that step's state exactly.
    expect(dense.y[tEval.indexOf(on)]).toEqual(steps.y[steps.t.indexOf(on)]);
    expect(dense.y.at(-1)).toEqual(steps.y.at(-1));
  });

  it("ignores breakpoints outside (t0, t1) and tolerates duplicates and any order", () => {
    const rhs: Rhs = (t, y, d) => (d[0] = -k * y[0] + (t >= on ? A : 0));
    const res = dopri5(rhs, Float64Array.of(y0), 0, 4, { breakpoints: [9, on, -1, on, 0, 4] });
    expect(res.t.filter((t) => t === on)).toHaveLength(1);
    expect(maxError(res.t, res.y, exact)).toBeLessThan(1e-8);
  });

  it("needs the breakpoint: without it the jump costs rejected steps and accuracy", () => {
    const rhs: Rhs = (t, y, d) => (d[0] = -k * y[0] + (t >= on ? A : 0));
    const without = dopri5(rhs, Float64Array.of(y0), 0, 4);
    const withBp = dopri5(rhs, Float64Array.of(y0), 0, 4, { breakpoints: [on] });
    expect(without.rejected).toBeGreaterThan(withBp.rejected);
  });
});

describe("dopri5 dense output and convergence", () => {
  it("interpolates tEval with the continuous extension to ~1e-7", () => {
    const w = 1.3;
    const tEval = linspace(0, 10, 401);
    const res = dopri5(oscillator(w), Float64Array.of(1, 0), 0, 10, { tEval });
    expect(res.t).toEqual(tEval);
    expect(res.steps).toBeLessThan(tEval.length / 2);
    const err = maxError(res.t, res.y, (t) => [Math.cos(w * t), -w * Math.sin(w * t)]);
    expect(err).toBeLessThan(1e-7);
  });

  it("dense output reproduces a quartic solution exactly between a few long steps", () => {
    // y' = 4t³ − 3t² + 1 has y = t⁴ − t³ + t; the order-4 continuous extension is exact for it.
    const rhs: Rhs = (t, _y, d) => (d[0] = 4 * t ** 3 - 3 * t ** 2 + 1);
    const tEval = linspace(0, 3, 61);
    const res = dopri5(rhs, Float64Array.of(0), 0, 3, { tEval });
    expect(res.steps).toBeLessThan(10);
    expect(maxError(res.t, res.y, (t) => [t ** 4 - t ** 3 + t])).toBeLessThan(1e-12);
  });

  it("dense output is 4th-order accurate between widely spaced steps", () => {
    const w = 1.3;
    const tEval = linspace(0, 10, 401);
    const res = dopri5(oscillator(w), Float64Array.of(1, 0), 0, 10, {
      tEval,
      rtol: 1e-5,
      atol: 1e-7,
    });
    const err = maxError(res.t, res.y, (t) => [Math.cos(w * t), -w * Math.sin(w * t)]);
    expect(err).toBeLessThan(1e-4);
    expect(err).toBeGreaterThan(1e-9);
  });

  it("error shrinks as rtol tightens", () => {
    const w = 2;
    const errors = [1e-4, 1e-6, 1e-8, 1e-10].map((rtol) => {
      const res = dopri5(oscillator(w), Float64Array.of(1, 0), 0, 10, { rtol, atol: rtol * 1e-2 });
      const y = res.y.at(-1)!;
      return Math.hypot(y[0] - Math.cos(w * 10), y[1] + w * Math.sin(w * 10));
    });
    for (let i = 1; i < errors.length; i++) expect(errors[i]).toBeLessThan(errors[i - 1] / 10);
    expect(errors.at(-1)).toBeLessThan(1e-8);
  });

  it("honours h0 and hmax", () => {
    const res = dopri5(oscillator(1), Float64Array.of(1, 0), 0, 10, { h0: 1e-3, hmax: 0.05 });
    expect(res.t[1]).toBeCloseTo(1e-3, 15);
    for (let i = 1; i < res.t.length; i++)
      expect(res.t[i] - res.t[i - 1]).toBeLessThanOrEqual(0.05 * 1.01);
  });

  it("handles an empty interval and tEval points at t0", () => {
    const res = dopri5(oscillator(1), Float64Array.of(1, 0), 2, 2, { tEval: [2, 2] });
    expect(res.t).toEqual([2, 2]);
    expect([...res.y[1]]).toEqual([1, 0]);
  });
});

describe("dopri5 failures", () => {
  it("throws SolverError on a finite-time blow-up (y' = y², y(0) = 1, past t = 1)", () => {
    let caught: unknown;
    try {
      dopri5((_t, y, d) => (d[0] = y[0] * y[0]), Float64Array.of(1), 0, 2);
    } catch (e) {
      caught = e;
    }
    expect(caught).toBeInstanceOf(SolverError);
    const err = caught as SolverError;
    // The numerical singularity sits within the tolerance of the exact one at t = 1.
    expect(err.t).toBeGreaterThan(0.999);
    expect(err.t).toBeLessThan(1 + 1e-6);
  });

  it("throws SolverError when the rhs produces NaN", () => {
    const rhs: Rhs = (t, y, d) => (d[0] = t < 0.5 ? -y[0] : NaN);
    expect(() => dopri5(rhs, Float64Array.of(1), 0, 1)).toThrow(
      expect.objectContaining({ name: "SolverError", reason: "non-finite" }),
    );
    expect(() => dopri5((_t, _y, d) => (d[0] = NaN), Float64Array.of(1), 0, 1)).toThrow(
      expect.objectContaining({ reason: "non-finite", t: 0 }),
    );
  });

  it("throws SolverError when maxSteps is exceeded", () => {
    expect(() => dopri5(oscillator(50), Float64Array.of(1, 0), 0, 100, { maxSteps: 20 })).toThrow(
      expect.objectContaining({ reason: "max-steps" }),
    );
  });

  it("rejects a reversed interval and unsorted or out-of-range tEval", () => {
    const rhs = oscillator(1);
    expect(() => dopri5(rhs, Float64Array.of(1, 0), 1, 0)).toThrow(RangeError);
    expect(() => dopri5(rhs, Float64Array.of(1, 0), 0, 1, { tEval: [0.5, 0.2] })).toThrow(
      RangeError,
    );
    expect(() => dopri5(rhs, Float64Array.of(1, 0), 0, 1, { tEval: [0.5, 1.5] })).toThrow(
      RangeError,
    );
  });
});
