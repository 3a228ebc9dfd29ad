import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { readerProperties } from "../model/documentMutations.testkit.js";
import { parseDataText } from "../model/loadModel.js";
import { loadStudy, readStudy } from "./studySpec.js";

const dir = mkdtempSync(join(tmpdir(), "kindsim-study-base-"));

readerProperties({
  name: "study",
  shipped: ["mascaro2013-rmet", "pace2009-tsst", "kok2013-upward-spiral"].map((id) =>
    parseDataText(readFileSync(`examples/${id}.yaml`, "utf8"), id),
  ),
  keys: ["id", "title", "arms", "waves", "battery", "analyses", "set", "events", "paradigms"],
  read: (doc) => readStudy(doc, "study", dir),
  load: (path) => loadStudy(path),
});
