/**
 * Okabe–Ito colour-blind-safe palette (Okabe & Ito 2008, "Color Universal Design"), ordered
 * for contrast on white. The hex values are the published ones, checked one by one.
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

/**
 * Colours for lines and markers: {@link OKABE_ITO} without yellow, which is too light to see as
 * a line on white (contrast about 1.2:1); yellow stays available for pale fills.
 */
export const SERIES_COLOURS: readonly string[] = OKABE_ITO.slice(0, 7);

/** Colour of the `i`-th series (cycles through {@link SERIES_COLOURS}; marker shapes differ too). */
export function seriesColour(i: number): string {
  return SERIES_COLOURS[i % SERIES_COLOURS.length];
}
