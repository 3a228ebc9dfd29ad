/**
 * Standard normal deviates from an injected uniform source (Box–Muller).
 */

/** A source of uniform random numbers in [0, 1) (e.g. a seeded PRNG). */
export type UniformSource = () => number;

/**
 * Draw one uniform value and check it lies in [0, 1).
 *
 * @throws RangeError naming `random` if the source returns anything else
 */
export function drawUniform(random: UniformSource): number {
  const u = random();
  if (typeof u !== "number" || !(u >= 0 && u < 1)) {
    throw new RangeError(`random: must return numbers in [0, 1), got ${u}`);
  }
  return u;
}

/**
 * A pair of independent standard normal deviates by the Box–Muller
 * transform. Consumes two uniforms (more if the first is exactly 0).
 *
 * @throws RangeError naming `random` if it returns values outside [0, 1)
 */
export function normalPair(random: UniformSource): [number, number] {
  let u1 = drawUniform(random);
  while (u1 === 0) u1 = drawUniform(random);
  const u2 = drawUniform(random);
  const radius = Math.sqrt(-2 * Math.log(u1));
  const angle = 2 * Math.PI * u2;
  return [radius * Math.cos(angle), radius * Math.sin(angle)];
}
