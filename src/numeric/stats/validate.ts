/**
 * Input validation shared by the estimators. Every failure throws a
 * `RangeError` whose message starts with the offending argument's name.
 */

/**
 * Assert that `x` is an array of finite numbers with at least `minLength`
 * elements.
 *
 * @param x - the array to check
 * @param name - argument name used in the error message
 * @param minLength - minimum number of elements (default 1)
 * @throws RangeError naming `name` if `x` is not an array, is too short or
 *   contains NaN / ±Infinity / non-numbers
 */
export function assertFiniteArray(x: readonly number[], name: string, minLength = 1): void {
  if (!Array.isArray(x)) throw new RangeError(`${name}: expected an array of numbers`);
  if (x.length < minLength) {
    throw new RangeError(`${name}: needs at least ${minLength} observations, got ${x.length}`);
  }
  for (let i = 0; i < x.length; i++) {
    const v = x[i];
    if (typeof v !== "number" || Number.isNaN(v)) {
      throw new RangeError(`${name}: element ${i} is NaN or not a number`);
    }
    if (!Number.isFinite(v)) throw new RangeError(`${name}: element ${i} is not finite`);
  }
}

/**
 * Assert that two arrays have the same length.
 *
 * @throws RangeError naming both arguments when lengths differ
 */
export function assertSameLength(
  a: readonly unknown[],
  aName: string,
  b: readonly unknown[],
  bName: string,
): void {
  if (a.length !== b.length) {
    throw new RangeError(`${bName}: length ${b.length} does not match ${aName} length ${a.length}`);
  }
}

/**
 * Assert that a confidence level lies strictly between 0 and 1.
 *
 * @throws RangeError naming `level`
 */
export function assertLevel(level: number, name = "level"): void {
  if (typeof level !== "number" || !(level > 0 && level < 1)) {
    throw new RangeError(`${name}: confidence level must be in (0, 1), got ${level}`);
  }
}

/**
 * Assert that `X` is a rectangular matrix (array of rows) of finite numbers
 * with `nRows` rows.
 *
 * @returns the number of columns (0 when every row is empty)
 * @throws RangeError naming `name` for ragged rows, wrong row count or
 *   non-finite entries
 */
export function assertMatrix(
  X: readonly (readonly number[])[],
  name: string,
  nRows: number,
): number {
  if (!Array.isArray(X)) throw new RangeError(`${name}: expected an array of rows`);
  if (X.length !== nRows) {
    throw new RangeError(`${name}: has ${X.length} rows, expected ${nRows}`);
  }
  const p = nRows > 0 ? (X[0]?.length ?? 0) : 0;
  for (let i = 0; i < X.length; i++) {
    const row = X[i];
    if (!Array.isArray(row) || row.length !== p) {
      throw new RangeError(`${name}: row ${i} has a different number of columns (expected ${p})`);
    }
    for (let j = 0; j < p; j++) {
      const v = row[j];
      if (typeof v !== "number" || !Number.isFinite(v)) {
        throw new RangeError(`${name}: entry [${i}][${j}] is NaN or not finite`);
      }
    }
  }
  return p;
}

/**
 * Assert that every element is a probability in [0, 1] (NaN rejected).
 *
 * @throws RangeError naming `name` and the first bad index
 */
export function assertProbabilities(p: readonly number[], name: string): void {
  if (!Array.isArray(p)) throw new RangeError(`${name}: expected an array of numbers`);
  p.forEach((v, i) => {
    if (typeof v !== "number" || !(v >= 0 && v <= 1)) {
      throw new RangeError(`${name}: element ${i} (${v}) is not a probability in [0, 1]`);
    }
  });
}

/**
 * Assert that an array of finite numbers is not constant (has positive
 * variance).
 *
 * @throws RangeError naming `name` when all values are equal
 */
export function assertNonConstant(x: readonly number[], name: string): void {
  if (x.every((v) => v === x[0]))
    throw new RangeError(`${name}: has zero variance (all values equal)`);
}
