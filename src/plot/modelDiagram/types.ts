/**
 * The shapes passed between the steps of the model diagram.
 */

import type { ModelNode } from "../../model/types.js";

/** A side of a box. */
export type Side = "left" | "right" | "top" | "bottom";
/** A point (x, y) in SVG user units. */
export type Point = [number, number];

/** One drawn box. */
export interface DiagramBox {
  key: string;
  x: number;
  y: number;
  w: number;
  h: number;
  /** Column index in the upper region; undefined for band boxes. */
  col?: number;
  /** Index within its column. */
  index: number;
  /** Whether it is the lowest box of its column (band edges then enter from below). */
  last?: boolean;
  /** Band row (slow band 0, 1, …; practice 100; traits 200, …): boxes in one row join side to side. */
  row?: number;
  node?: ModelNode;
}

/** One edge to route (a model edge, or a practice → skill arrow). */
export interface Route {
  key: string;
  from: DiagramBox;
  to: DiagramBox;
  fromSide: Side;
  toSide: Side;
  /** Start point, set by port assignment. */
  p0?: Point;
  /** End point, set by port assignment. */
  p3?: Point;
}

/** A section heading to draw. */
export interface Heading {
  x: number;
  y: number;
  label: string;
  anchor: "start" | "middle";
}

/** Sorts `items` by a key, keeping the given order among equal keys. */
export function stableSort<T>(items: T[], key: (t: T) => number): T[] {
  return items
    .map((t, i) => ({ t, i, k: key(t) }))
    .sort((a, b) => a.k - b.k || a.i - b.i)
    .map((x) => x.t);
}

/** Centre of a box. */
export const centre = (b: DiagramBox): Point => [b.x + b.w / 2, b.y + b.h / 2];
