/**
 * The model diagram; its steps live in `./modelDiagram/` (layers, placement, routing,
 * tooltips, emphasis, marks, legend, assembly).
 */

export {
  modelDiagram,
  type ModelDiagramOptions,
  fastRanks,
  wrapLabel,
  edgeTitle,
  KIND_COLOUR,
} from "./modelDiagram/index.js";
