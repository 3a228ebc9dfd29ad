import { execFileSync } from "node:child_process";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import {
  dataResolver,
  memoryDataResolver,
  setDataResolver,
  shippedPath,
} from "../model/dataResolver.js";
import { defaultModel, loadModel } from "../model/loadModel.js";
import { SHIPPED_FILES } from "../model/shippedFiles.js";
import { loadPopulations } from "../sim/population.js";
import { loadProtocols } from "../sim/protocol.js";
import { loadStudy } from "../study/studySpec.js";
import { nodeDataResolver, PACKAGE_ROOT } from "./nodeData.js";

describe("shipped data embedded in src/model/shippedFiles.ts", () => {
  it("is up to date with models/, data/ and examples/ (else run `npm run embed-data`)", () => {
    // Exits 1 with "… is out of date: run `npm run embed-data`" when stale.
    execFileSync(process.execPath, [join(PACKAGE_ROOT, "scripts/embedData.mjs"), "--check"], {
      stdio: "pipe",
    });
  });

  it("holds the same bytes as the files the Node resolver reads", () => {
    for (const [name, text] of Object.entries(SHIPPED_FILES))
      expect(nodeDataResolver.readText(join(PACKAGE_ROOT, name), name)).toBe(text);
  });
});

describe("memoryDataResolver (the browser's resolver)", () => {
  it("reads the shipped files and the given texts, resolving relative study paths", () => {
    const r = memoryDataResolver({ "/u/p.yaml": "protocols: []\n" });
    expect(r.root).toBe("/kindsim");
    expect(r.resolve("/u/studies", "../p.yaml")).toBe("/u/p.yaml");
    expect(r.resolve("/u", "/abs/x.yaml")).toBe("/abs/x.yaml");
    expect(r.dirname("/u/studies/s.yaml")).toBe("/u/studies");
    expect(r.readText("/u/p.yaml", "protocol file")).toBe("protocols: []\n");
    expect(r.readText("/kindsim/data/protocols.yaml", "x")).toBe(
      SHIPPED_FILES["data/protocols.yaml"],
    );
    expect(() => r.readText("/nope.yaml", "study file")).toThrow(
      /cannot read study file \/nope\.yaml/,
    );
  });

  it("gives the core the same data as the Node resolver", () => {
    const model = defaultModel();
    const node = {
      model: loadModel(shippedPath("models/mascaro2015.yaml")),
      protocols: loadProtocols(undefined, model),
      populations: loadPopulations(undefined, model),
      study: loadStudy(shippedPath("examples/klimecki2014-empathy-then-compassion.yaml")),
    };
    const previous = setDataResolver(memoryDataResolver());
    try {
      expect(loadModel(shippedPath("models/mascaro2015.yaml"))).toEqual(node.model);
      expect(loadProtocols(undefined, model)).toEqual(node.protocols);
      expect(loadPopulations(undefined, model)).toEqual(node.populations);
      const study = loadStudy(shippedPath("examples/klimecki2014-empathy-then-compassion.yaml"));
      expect(study.baseDir).toBe("/kindsim/examples");
      // Paths in the study resolve against its folder on either host.
      const rel = (p: string, root: string) => p.replace(root, "<root>");
      expect(
        JSON.stringify(study, (_k, v) => (typeof v === "string" ? rel(v, "/kindsim") : v)),
      ).toBe(
        JSON.stringify(node.study, (_k, v) =>
          typeof v === "string" ? rel(v, PACKAGE_ROOT.replace(/\/$/, "")) : v,
        ),
      );
    } finally {
      setDataResolver(previous);
    }
    expect(dataResolver()).toBe(nodeDataResolver);
  });
});
