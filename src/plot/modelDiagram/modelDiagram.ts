/**
 * The model diagram: the theory drawn from the same model data the engine compiles.
 *
 * Columns by role, left to right: inputs, fast processes (split in an early and a later
 * column by a longest-path rank over fast→fast edges), readouts. Below them a band of slow
 * nodes (skills left, milieu and neuromodulators right) fed by a "practice" box that stands
 * for the content primitives, and a thin band of traits. Edges are Bézier curves between box
 * sides: drive ends in an arrowhead, inhibit in a flat bar, gain is dashed with a diamond;
 * their width grows with the number of evidence ids. Every box and edge has a `<title>`
 * tooltip. No layout library: the layout is deterministic and derived from the model alone.
 *
 * The steps, one module each: {@link columnLayers} (layers), {@link placeNodes} (placement),
 * {@link routeEdges} (routing), `tooltips`, `emphasis`, `marks`, {@link diagramLegend}, and
 * the assembly below.
 */

import type { Model } from "../../model/types.js";
import { el, svgDocument, text } from "../svg.js";
import { diagramLegend, LEGEND_HEIGHT } from "./diagramLegend.js";
import { emphasis } from "./emphasis.js";
import { columnLayers, neighboursOf } from "./layers.js";
import { boxMark, edgeMarks, heading, practiceMarks } from "./marks.js";
import { placeNodes, type Placement } from "./placement.js";
import { routeEdges } from "./routing.js";
import { MARGIN, markerDefs } from "./style.js";

/** Options of {@link modelDiagram}. */
export interface ModelDiagramOptions {
  /**
   * Preferred width in pixels (default 1600, at least 1000). The height follows from the
   * model; a band that cannot fit its boxes wraps into more rows.
   */
  width?: number;
  /**
   * Node or edge ids to emphasise. An edge is emphasised if it is listed or touches a listed
   * node; a node if it is listed or is an end of a listed edge. Everything else is faded.
   */
  highlight?: readonly string[];
}

/** The light grey background behind the slow band and the practice box. */
function slowBackground(p: Placement, width: number): string[] {
  if (!p.slow) return [];
  const bottom = p.practice ? p.practice.y + p.practice.h : p.slow.bottom;
  return [
    el("rect", {
      x: MARGIN / 2,
      y: p.slow.top - 30,
      width: width - MARGIN,
      height: bottom - p.slow.top + 42,
      rx: 8,
      fill: "#f6f6f6",
    }),
  ];
}

/** The title and the subtitle line (id, version, counts, a hint about tooltips). */
function header(model: Model, edgeCount: number): string[] {
  return [
    text(MARGIN, 32, model.title, { "font-size": 18, "font-weight": "bold", fill: "#222222" }),
    text(
      MARGIN,
      52,
      `${model.id} \u00b7 version ${model.version} \u00b7 ${model.nodes.length} nodes, ${edgeCount} edges \u00b7 hover a box or an edge for its meaning and evidence`,
      { "font-size": 12, fill: "#555555" },
    ),
  ];
}

/**
 * Draws the model as a standalone SVG document. The same model always gives the same bytes.
 */
export function modelDiagram(model: Model, opts: ModelDiagramOptions = {}): string {
  const width = Math.max(1000, opts.width ?? 1600);
  const byId = new Map(model.nodes.map((n) => [n.id, n]));
  const edges = model.edges.filter((e) => byId.has(e.from) && byId.has(e.to));
  const neighbours = neighboursOf(model, edges);
  const placement = placeNodes(model, columnLayers(model, neighbours), neighbours, width);
  const routes = routeEdges(edges, placement);
  const em = emphasis(model, edges, opts.highlight);
  const { boxes, practice, reach } = placement;

  const legendTop = placement.bottom + 40;
  const parts = [
    markerDefs(),
    ...slowBackground(placement, width),
    ...header(model, edges.length),
    el("g", { class: "practice-arrows" }, practiceMarks(routes, placement.trainedBy, reach, em)),
    el("g", { class: "edges" }, edgeMarks(routes, reach, em)),
    el(
      "g",
      { class: "nodes" },
      [...boxes.values(), ...(practice ? [practice] : [])].map((b) => boxMark(b, model, em)),
    ),
    ...placement.headings.map(heading),
    el("g", { class: "legend-marks" }, diagramLegend(model, legendTop, practice !== undefined)),
  ];
  const title = `${model.title} (${model.id} ${model.version})`;
  return svgDocument(width, legendTop + LEGEND_HEIGHT, title, parts);
}
