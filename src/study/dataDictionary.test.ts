import { describe, expect, it } from "vitest";
import { loadParadigms } from "../measure/paradigm.js";
import { compileModel } from "../engine/compileModel.js";
import { defaultModel } from "../model/loadModel.js";
import {
  cohortDictionaries,
  dictionariesCsv,
  dictionaryCsv,
  episodeDictionary,
  trialDictionaries,
} from "./dataDictionary.js";

const model = defaultModel();
const paradigms = loadParadigms(compileModel(model));

describe("data dictionaries", () => {
  it("describe every column of the simulate files, and every variable of daily.csv", () => {
    const [daily, parts] = cohortDictionaries(model, ["warmth", "pa_day", "minutes"]);
    expect(daily.file).toBe("daily.csv");
    expect(daily.entries.filter((e) => !e.value).map((e) => e.column)).toEqual([
      "participant",
      "arm",
      "day",
      "variable",
      "value",
    ]);
    expect(daily.entries.find((e) => e.value === "warmth")).toMatchObject({
      column: "variable",
      meaning: "Warmth",
      unit: "skill, 0 to 1 (model units)",
    });
    const cols = parts.entries.map((e) => e.column);
    expect(cols.slice(0, 6)).toEqual([
      "participant",
      "arm",
      "adherence",
      "programme_minutes",
      "practice_days",
      "prior_hours",
    ]);
    expect(cols).toContain("final_warmth");
    expect(parts.entries.find((e) => e.column === "programme_minutes")?.meaning).toMatch(
      /class contact .* \+ home practice \+ individual sessions; not home practice alone/,
    );
  });

  it("describe the trial files with the same names for the same columns", () => {
    const ds = trialDictionaries(model, paradigms, ["rmet_accuracy", "il6"]);
    expect(ds.map((d) => d.file)).toEqual([
      "data.csv",
      "participants.csv",
      "results.csv",
      "means.csv",
    ]);
    const data = ds[0];
    expect(data.entries.find((e) => e.value === "rmet_accuracy")).toMatchObject({
      meaning: "RMET items correct (of 36) (rmet)",
      unit: "items correct",
    });
    // One name per concept across files: no `id`, `group`, camelCase or duplicates.
    for (const d of [...ds, ...cohortDictionaries(model, [])]) {
      const cols = d.entries.filter((e) => !e.value).map((e) => e.column);
      expect(new Set(cols).size, d.file).toBe(cols.length);
      for (const c of cols) {
        expect(["id", "group"]).not.toContain(c);
        // Node ids (traits, final_<slow node>) keep the model's spelling.
        const node = c.replace(/^final_/, "");
        if (!model.nodes.some((n) => n.id === node)) expect(c, d.file).toMatch(/^[a-z0-9_]+$/);
      }
    }
  });

  it("write as CSV with quoted cells where needed", () => {
    const csv = dictionaryCsv(episodeDictionary(model, ["motorSimulation"]));
    const lines = csv.trim().split("\n");
    expect(lines[0]).toBe("column,value,meaning,unit");
    expect(lines[1]).toBe("time,,Time from the start of the episode,seconds");
    expect(lines.at(-1)).toBe(
      'variable,motorSimulation,Motor simulation,"activation, 0 to 1 (model units)"',
    );
  });

  it("write a folder's dictionaries as one CSV with a file column, describing itself last", () => {
    const lines = dictionariesCsv(cohortDictionaries(model, ["warmth"]))
      .trim()
      .split("\n");
    expect(lines[0]).toBe("file,column,value,meaning,unit");
    expect(lines[1]).toBe(
      "daily.csv,participant,,Participant id (0 … N−1; the key of every random stream),",
    );
    expect(lines).toContain('daily.csv,variable,warmth,Warmth,"skill, 0 to 1 (model units)"');
    expect(lines.slice(-5).map((l) => l.split(",").slice(0, 2).join(" "))).toEqual([
      "dictionary.csv file",
      "dictionary.csv column",
      "dictionary.csv value",
      "dictionary.csv meaning",
      "dictionary.csv unit",
    ]);
  });
});
