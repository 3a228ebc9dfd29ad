/**
 * The model diagram (see {@link modelDiagram}) and the helpers its tests and callers use.
 */

export { modelDiagram, type ModelDiagramOptions } from "./modelDiagram.js";
export { fastRanks } from "./layers.js";
export { wrapLabel } from "./boxText.js";
export { edgeTitle } from "./tooltips.js";
export { KIND_COLOUR } from "./style.js";
