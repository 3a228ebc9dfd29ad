import { readFileSync } from "node:fs";
import { compileModel } from "../engine/compileModel.js";
import { readerProperties } from "../model/documentMutations.testkit.js";
import { defaultModel, parseDataText } from "../model/loadModel.js";
import { loadParadigms, readParadigmFile } from "./paradigm.js";

const cm = compileModel(defaultModel());

readerProperties({
  name: "paradigm",
  shipped: [parseDataText(readFileSync("data/paradigms.yaml", "utf8"), "paradigms")],
  keys: ["paradigms", "id", "label", "conditions", "measures", "citation"],
  read: (doc) => readParadigmFile(doc, "paradigms", cm),
  load: (path) => loadParadigms(cm, path),
  fileRuns: 15,
});
