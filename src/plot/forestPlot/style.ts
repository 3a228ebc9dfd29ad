/**
 * Colours and sizes of the forest plot.
 */

import { OKABE_ITO } from "../palette.js";

/** Passed rows (Okabe–Ito bluish green). */
export const PASS = OKABE_ITO[2];
/** Failed rows (Okabe–Ito vermillion). */
export const FAIL = OKABE_ITO[1];
/** Rows without a verdict. */
export const NEUTRAL = "#222222";
/** Expected ranges (Okabe–Ito sky blue, drawn at 30% opacity). */
export const WINDOW = OKABE_ITO[5];
/** Reference line. */
export const REFERENCE = "#555555";
/** Label font size. */
export const FONT = 12;

/** Whether `v` is a finite number. */
export const fin = (v: number | undefined): v is number =>
  typeof v === "number" && Number.isFinite(v);
