/**
 * Brent's (1973) derivative-free 1-D minimiser (golden section with
 * parabolic interpolation), as in R's `optimize`.
 */

/** Result of {@link brentMinimize}. */
export interface BrentMinimum {
  /** Location of the minimum. */
  x: number;
  /** Function value at `x`. */
  fx: number;
  /** Number of function evaluations. */
  evaluations: number;
}

/**
 * Minimise `f` on [a, b].
 *
 * @param f - function to minimise (assumed unimodal on the interval)
 * @param a - lower bound
 * @param b - upper bound (> a)
 * @param tol - relative tolerance on x (default 1e-10); absolute floor 1e-14
 * @param maxIter - iteration cap (default 500)
 * @throws RangeError if b ≤ a
 */
export function brentMinimize(
  f: (x: number) => number,
  a: number,
  b: number,
  tol = 1e-10,
  maxIter = 500,
): BrentMinimum {
  if (!(b > a)) throw new RangeError(`b: upper bound ${b} must exceed lower bound ${a}`);
  const golden = 0.5 * (3 - Math.sqrt(5));
  const absTol = 1e-14;
  let x = a + golden * (b - a);
  let w = x;
  let v = x;
  let fx = f(x);
  let fw = fx;
  let fv = fx;
  let d = 0;
  let e = 0;
  let evaluations = 1;
  for (let iter = 0; iter < maxIter; iter++) {
    const xm = 0.5 * (a + b);
    const tol1 = tol * Math.abs(x) + absTol;
    const tol2 = 2 * tol1;
    if (Math.abs(x - xm) <= tol2 - 0.5 * (b - a)) break;
    let useGolden = true;
    if (Math.abs(e) > tol1) {
      let r = (x - w) * (fx - fv);
      let q = (x - v) * (fx - fw);
      let p = (x - v) * q - (x - w) * r;
      q = 2 * (q - r);
      if (q > 0) p = -p;
      q = Math.abs(q);
      r = e;
      e = d;
      if (Math.abs(p) < Math.abs(0.5 * q * r) && p > q * (a - x) && p < q * (b - x)) {
        d = p / q;
        const u = x + d;
        if (u - a < tol2 || b - u < tol2) d = xm >= x ? tol1 : -tol1;
        useGolden = false;
      }
    }
    if (useGolden) {
      e = x >= xm ? a - x : b - x;
      d = golden * e;
    }
    const u = Math.abs(d) >= tol1 ? x + d : x + (d > 0 ? tol1 : -tol1);
    const fu = f(u);
    evaluations++;
    if (fu <= fx) {
      if (u >= x) a = x;
      else b = x;
      v = w;
      fv = fw;
      w = x;
      fw = fx;
      x = u;
      fx = fu;
    } else {
      if (u < x) a = u;
      else b = u;
      if (fu <= fw || w === x) {
        v = w;
        fv = fw;
        w = u;
        fw = fu;
      } else if (fu <= fv || v === x || v === w) {
        v = u;
        fv = fu;
      }
    }
  }
  return { x, fx, evaluations };
}
