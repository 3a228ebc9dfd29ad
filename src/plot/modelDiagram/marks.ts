/**
 * The marks of the model diagram: boxes, edges, practice arrows and section headings.
 */

import type { Model } from "../../model/types.js";
import { el, escapeXml, text } from "../svg.js";
import { boxText } from "./boxText.js";
import type { Emphasis } from "./emphasis.js";
import type { Routes } from "./routing.js";
import { curve } from "./routing.js";
import {
  darken,
  edgeStroke,
  FADED,
  fillOpacity,
  KIND_COLOUR,
  PRACTICE,
  PRACTICE_COLOUR,
} from "./style.js";
import { edgeTitle, nodeTitle, practiceArrowTitle, practiceBoxTitle } from "./tooltips.js";
import type { DiagramBox, Heading } from "./types.js";

/** A section heading, with a white halo so that edges passing behind it do not hide it. */
export function heading(h: Heading): string {
  return text(h.x, h.y, h.label, {
    "font-size": 12,
    "font-weight": "bold",
    "text-anchor": h.anchor,
    fill: "#444444",
    stroke: "#ffffff",
    "stroke-width": 3,
    "stroke-linejoin": "round",
    "paint-order": "stroke",
  });
}

/** One grey arrow per trained skill, from the practice box, with its primitives as tooltip. */
export function practiceMarks(
  routes: Routes,
  trainedBy: Map<string, string[]>,
  reach: number,
  em: Emphasis,
): string[] {
  return routes.practice.map(({ skill, r }) =>
    el(
      "g",
      {
        class: "practice",
        opacity: em.active && !em.strong.has(skill) && !em.ids.has(skill) ? FADED : undefined,
      },
      [
        el("title", {}, escapeXml(practiceArrowTitle(skill, trainedBy.get(skill)!))),
        el("path", {
          d: curve(r, reach),
          fill: "none",
          stroke: PRACTICE_COLOUR,
          "stroke-width": 1,
          "stroke-opacity": 0.8,
          "marker-end": "url(#md-practice)",
        }),
      ],
    ),
  );
}

/** Model edges: faded ones first, then emphasised ones on top (all in model order when none is). */
export function edgeMarks(routes: Routes, reach: number, em: Emphasis): string[] {
  const marks = (on: boolean): string[] =>
    routes.edges
      .filter(({ e }) => !em.active || em.edgeOn(e) === on)
      .map(({ e, r }) =>
        el("g", { class: `edge ${e.effect}`, opacity: em.active && !on ? FADED : undefined }, [
          el("title", {}, escapeXml(edgeTitle(e))),
          el("path", { d: curve(r, reach), ...edgeStroke(e.effect, e.evidence.length) }),
        ]),
      );
  return [...marks(false), ...(em.active ? marks(true) : [])];
}

/** The practice box: white, rounded, with a one-line label. */
function practiceBox(b: DiagramBox, model: Model): string {
  return el("g", { class: "node practice" }, [
    el("title", {}, escapeXml(practiceBoxTitle(model))),
    el("rect", {
      x: b.x,
      y: b.y,
      width: b.w,
      height: b.h,
      rx: 17,
      fill: "#ffffff",
      stroke: "#777777",
      "stroke-width": 1.2,
    }),
    ...boxText(b, "Practice: content primitives train skills", "", 12, 1),
  ]);
}

/**
 * A node box tinted by kind (traits white and dashed), with its label, its symbol (or its id
 * when the node has no symbol) and tooltip.
 */
export function boxMark(b: DiagramBox, model: Model, em: Emphasis): string {
  if (b.key === PRACTICE) return practiceBox(b, model);
  const n = b.node!;
  const trait = n.kind === "trait";
  const colour = KIND_COLOUR[n.kind];
  const strong = em.active && em.strong.has(n.id);
  const font = b.col !== undefined ? 12 : trait ? 9.5 : 10.5;
  return el("g", { class: `node ${n.kind}`, opacity: em.nodeOn(n.id) ? undefined : FADED + 0.1 }, [
    el("title", {}, escapeXml(nodeTitle(n))),
    el("rect", { x: b.x, y: b.y, width: b.w, height: b.h, rx: 8, fill: "#ffffff" }),
    el("rect", {
      x: b.x,
      y: b.y,
      width: b.w,
      height: b.h,
      rx: 8,
      fill: trait ? "#ffffff" : colour,
      "fill-opacity": trait ? undefined : fillOpacity(n.kind),
      stroke: trait ? colour : darken(colour, 0.35),
      "stroke-width": strong ? 3 : b.col !== undefined && n.level === "fast" ? 1.6 : 1.1,
      "stroke-dasharray": trait ? "3,2" : undefined,
    }),
    ...boxText(b, n.label, n.symbol ?? n.id, font, b.col !== undefined || trait ? 2 : 3),
  ]);
}
