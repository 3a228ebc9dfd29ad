/**
 * Point markers whose shape varies by series, so plots still read in greyscale.
 */

import { el, num } from "./svg.js";

/** A marker centred on (x, y): shape 0 circle, 1 square, 2 triangle, 3 diamond (cycling). */
export function marker(shape: number, x: number, y: number, colour: string, size = 4): string {
  const paint = { fill: colour, stroke: "#ffffff", "stroke-width": 1 };
  const s = size;
  switch (shape % 4) {
    case 0:
      return el("circle", { cx: x, cy: y, r: s, ...paint });
    case 1:
      return el("rect", {
        x: x - s * 0.9,
        y: y - s * 0.9,
        width: s * 1.8,
        height: s * 1.8,
        ...paint,
      });
    case 2: {
      const d = `M${num(x)},${num(y - s * 1.15)}L${num(x + s * 1.1)},${num(y + s * 0.8)}H${num(x - s * 1.1)}Z`;
      return el("path", { d, ...paint });
    }
    default: {
      const d = `M${num(x)},${num(y - s * 1.25)}L${num(x + s)},${num(y)}L${num(x)},${num(y + s * 1.25)}L${num(x - s)},${num(y)}Z`;
      return el("path", { d, ...paint });
    }
  }
}
