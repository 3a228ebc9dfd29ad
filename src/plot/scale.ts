/**
 * Linear scales and "nice" 1-2-5 tick generation.
 */

import { fixed } from "./svg.js";

/** Maps `domain` linearly onto `range`; a zero-width domain maps everything to the range midpoint. */
export function linearScale(
  domain: readonly [number, number],
  range: readonly [number, number],
): (v: number) => number {
  const [d0, d1] = domain;
  const [r0, r1] = range;
  if (d1 === d0) return () => (r0 + r1) / 2;
  const k = (r1 - r0) / (d1 - d0);
  return (v) => r0 + (v - d0) * k;
}

/** Decimals needed to print multiples of `step` exactly. */
function stepDecimals(step: number): number {
  return Math.max(0, -Math.floor(Math.log10(step) + 1e-9));
}

/**
 * About `count` intervals of a 1, 2 or 5 × 10^k step that cover [min, max]: the first tick is
 * ≤ min and the last ≥ max (ignoring float noise), so the ticks' extent doubles as a padded axis domain.
 * Returns `[]` for non-finite input; a zero-width range is widened.
 */
export function niceTicks(min: number, max: number, count = 5): number[] {
  if (!Number.isFinite(min) || !Number.isFinite(max)) return [];
  if (min > max) [min, max] = [max, min];
  if (min === max) {
    const pad = min === 0 ? 1 : Math.abs(min) * 0.1;
    min -= pad;
    max += pad;
  }
  const raw = (max - min) / Math.max(1, Math.round(count));
  if (!Number.isFinite(raw) || raw <= 0) return [];
  const mag = 10 ** Math.floor(Math.log10(raw));
  const norm = raw / mag;
  const step = (norm < 1.5 ? 1 : norm < 3 ? 2 : norm < 7 ? 5 : 10) * mag;
  const decimals = Math.min(100, stepDecimals(step));
  const start = Math.floor(min / step + 1e-9);
  const end = Math.ceil(max / step - 1e-9);
  const ticks: number[] = [];
  for (let i = start; i <= end; i++) ticks.push(Number((i * step).toFixed(decimals)) || 0);
  return ticks;
}

/** Labels a tick with as many decimals as the tick spacing `step` needs. */
export function formatTick(value: number, step: number): string {
  return fixed(value, step > 0 ? Math.min(20, stepDecimals(step)) : 0);
}
