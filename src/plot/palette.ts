/**
 * Okabe–Ito colour-blind-safe palette, ordered for contrast on white.
 */

/** Okabe–Ito colours: blue, vermillion, bluish green, reddish purple, orange, sky blue, black, yellow. */
export const OKABE_ITO = [
  "#0072B2",
  "#D55E00",
  "#009E73",
  "#CC79A7",
  "#E69F00",
  "#56B4E9",
  "#000000",
  "#F0E442",
] as const;

/** Colour of the `i`-th series (cycles through {@link OKABE_ITO}). */
export function seriesColour(i: number): string {
  return OKABE_ITO[i % OKABE_ITO.length];
}
