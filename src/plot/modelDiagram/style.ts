/**
 * Colours, sizes and edge styles of the model diagram.
 */

import type { EdgeEffect, NodeKind } from "../../model/types.js";
import { OKABE_ITO } from "../palette.js";
import { el, type Attrs } from "../svg.js";

/** Box colour of each node kind (Okabe–Ito); traits are drawn as white boxes. */
export const KIND_COLOUR: Readonly<Record<NodeKind, string>> = {
  input: OKABE_ITO[6],
  process: OKABE_ITO[5],
  modulator: OKABE_ITO[0],
  affect: OKABE_ITO[1],
  outcome: OKABE_ITO[3],
  skill: OKABE_ITO[2],
  neuromodulator: OKABE_ITO[4],
  milieu: OKABE_ITO[7],
  trait: "#777777",
};

/** Order of the node kinds in the legend. */
export const KIND_ORDER: readonly NodeKind[] = [
  "input",
  "process",
  "modulator",
  "affect",
  "outcome",
  "skill",
  "milieu",
  "neuromodulator",
  "trait",
];

/** Edge colour of each effect. */
export const EFFECT_COLOUR: Readonly<Record<EdgeEffect, string>> = {
  drive: "#333333",
  inhibit: OKABE_ITO[1],
  gain: OKABE_ITO[0],
};
/** Colour of the practice box's arrows. */
export const PRACTICE_COLOUR = "#999999";
/** Opacity of what is not emphasised. */
export const FADED = 0.18;
/** Key of the practice box (no node id can take it). */
export const PRACTICE = "\u0000practice";

/** Outer margin. */
export const MARGIN = 28;
/** Width of a box in the upper columns. */
export const COL_W = 176;
/** Height of a box in the upper columns. */
export const COL_BOX_H = 50;
/** Vertical gap between boxes of a column. */
export const COL_GAP_Y = 14;
/** Narrowest box of the slow band before it wraps into another row. */
export const BAND_MIN_W = 84;
/** Widest box of the slow band. */
export const BAND_MAX_W = 170;
/** Gap between boxes side by side in a band. */
export const BAND_GAP = 8;
/** Gap between the two groups of the slow band. */
export const GROUP_GAP = 40;

/** Fill opacity of boxes (inputs are paler: there are many and they only set the scene). */
export const fillOpacity = (kind: NodeKind): number => (kind === "input" ? 0.12 : 0.3);

/** A colour that, drawn at the legend's swatch opacity (0.3), gives the tint of a box. */
export function swatchColour(kind: NodeKind): string {
  const v = parseInt(KIND_COLOUR[kind].slice(1), 16);
  const c = [v >> 16, (v >> 8) & 255, v & 255].map((x) =>
    Math.round(255 - ((255 - x) * fillOpacity(kind)) / 0.3),
  );
  return `#${c.map((x) => x.toString(16).padStart(2, "0")).join("")}`;
}

/** Mixes a `#rrggbb` colour toward black by `amount` (0–1). */
export function darken(hex: string, amount: number): string {
  const v = parseInt(hex.slice(1), 16);
  const c = [v >> 16, (v >> 8) & 255, v & 255].map((x) => Math.round(x * (1 - amount)));
  return `#${c.map((x) => x.toString(16).padStart(2, "0")).join("")}`;
}

/** The stroke attributes of an edge of `effect` backed by `evidence` ids (width 1–3 px). */
export function edgeStroke(effect: EdgeEffect, evidence: number): Attrs {
  return {
    fill: "none",
    stroke: EFFECT_COLOUR[effect],
    "stroke-width": Math.min(3, Math.max(1, evidence)),
    "stroke-dasharray": effect === "gain" ? "6,3" : undefined,
    "marker-end": `url(#md-${effect})`,
  };
}

/** Marker definitions for edge ends, one per effect (plus the practice arrows). */
export function markerDefs(): string {
  const mk = (id: string, shape: string, colour: string, w: number): string =>
    el(
      "marker",
      {
        id,
        viewBox: "0 0 10 10",
        refX: 10,
        refY: 5,
        markerWidth: w,
        markerHeight: w,
        markerUnits: "userSpaceOnUse",
        orient: "auto",
      },
      el("path", { d: shape, fill: colour }),
    );
  return el("defs", {}, [
    mk("md-drive", "M0,0L10,5L0,10Z", EFFECT_COLOUR.drive, 10),
    mk("md-inhibit", "M7,0H10V10H7Z", EFFECT_COLOUR.inhibit, 11),
    mk("md-gain", "M0,5L5,1L10,5L5,9Z", EFFECT_COLOUR.gain, 11),
    mk("md-practice", "M0,0L10,5L0,10Z", PRACTICE_COLOUR, 8),
  ]);
}
