import { readFileSync } from "node:fs";
import { readerProperties } from "../model/documentMutations.testkit.js";
import { defaultModel, parseDataText } from "../model/loadModel.js";
import { loadPopulations, readPopulationFile } from "./population.js";
import { loadProtocols, readProtocolFile } from "./protocol.js";

const model = defaultModel();
const shipped = (file: string): unknown => parseDataText(readFileSync(file, "utf8"), file);

readerProperties({
  name: "protocol",
  shipped: [shipped("data/protocols.yaml")],
  keys: ["protocols", "id", "label", "weeks", "modules", "sessions", "classes"],
  read: (doc) => readProtocolFile(doc, "protocols", model),
  load: (path) => loadProtocols(path, model),
});

readerProperties({
  name: "population",
  shipped: [shipped("data/populations.yaml")],
  keys: ["populations", "id", "label", "traits", "correlations", "extends"],
  read: (doc) => readPopulationFile(doc, "populations", model),
  load: (path) => loadPopulations(path, model),
});
