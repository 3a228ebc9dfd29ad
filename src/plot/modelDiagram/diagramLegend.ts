/**
 * The legend of the model diagram: edge effects, practice, evidence widths, node kinds.
 */

import type { Model } from "../../model/types.js";
import { legend, type LegendItem } from "../legend.js";
import { el, num, text, textWidth, type Attrs } from "../svg.js";
import {
  edgeStroke,
  KIND_COLOUR,
  KIND_ORDER,
  MARGIN,
  PRACTICE_COLOUR,
  swatchColour,
} from "./style.js";

/** Two legend rows whose first is centred on `top`: edge keys, then the node kinds present. */
export function diagramLegend(model: Model, top: number, practice: boolean): string[] {
  const keys: string[] = [];
  let lx = MARGIN;
  const edgeKey = (label: string, attrs: Attrs): void => {
    keys.push(el("path", { d: `M${num(lx)},${num(top)}H${num(lx + 38)}`, ...attrs }));
    keys.push(text(lx + 46, top + 4, label, { "font-size": 12, fill: "#222222" }));
    lx += 46 + textWidth(label, 12) + 22;
  };
  edgeKey("drives", edgeStroke("drive", 1));
  edgeKey("inhibits", edgeStroke("inhibit", 1));
  edgeKey("gain (multiplies)", edgeStroke("gain", 1));
  if (practice)
    edgeKey("practice trains", {
      fill: "none",
      stroke: PRACTICE_COLOUR,
      "stroke-width": 1,
      "marker-end": "url(#md-practice)",
    });
  for (const w of [1, 2, 3]) {
    keys.push(
      el("path", {
        d: `M${num(lx)},${num(top)}H${num(lx + 22)}`,
        stroke: "#333333",
        "stroke-width": w,
      }),
    );
    lx += 28;
  }
  keys.push(
    text(lx, top + 4, "width: 1, 2, 3+ evidence ids", { "font-size": 12, fill: "#222222" }),
  );
  const present = new Set(model.nodes.map((n) => n.kind));
  const kindItems: LegendItem[] = KIND_ORDER.filter((k) => present.has(k)).map((k) => ({
    label: k,
    colour: k === "trait" ? KIND_COLOUR[k] : swatchColour(k),
    mark: k === "trait" ? "open" : "swatch",
  }));
  keys.push(legend(kindItems, MARGIN, top + 26, "row"));
  return keys;
}

/** Height the legend takes below its `top`. */
export const LEGEND_HEIGHT = 26 + 24;
