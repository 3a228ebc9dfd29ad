import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { defaultModel } from "../model/loadModel.js";
import { Issues, ValidationError } from "../model/issues.js";
import {
  loadProtocols,
  moduleOnDay,
  practiceOnDay,
  readProtocol,
  resolveProtocol,
  therapistProtocol,
} from "./protocol.js";

const model = defaultModel();
const base = {
  id: "p",
  label: "P",
  weeks: 2,
  home: { minutesPerDay: 20, daysPerWeek: 5 },
  classes: { perWeek: 1, minutes: 60, weekday: 0 },
  modules: [
    { id: "a", label: "A", weeks: 1, content: { attention: 1 } },
    { id: "b", label: "B", weeks: 1, content: { lovingKindness: 0.5, aspiration: 0.5 } },
  ],
};

function problems(over: Record<string, unknown>): string[] {
  const issues = new Issues();
  readProtocol(issues, "(protocol)", { ...base, ...over }, model);
  return issues.list.map((i) => `${i.path}: ${i.message}`);
}

describe("protocols", () => {
  it("every shipped protocol validates against the default model", () => {
    const ps = loadProtocols(undefined, model);
    expect(ps.map((p) => p.id)).toContain("cbct");
    expect(resolveProtocol("cbct", model).modules.map((m) => m.id)).toEqual([
      "attention",
      "insight",
      "self-compassion",
      "equanimity",
      "gratitude",
      "affection",
      "aspiration",
      "active-compassion",
    ]);
  });

  it("readProtocol names the field of each bad input", () => {
    expect(problems({ weeks: -1 })).toEqual(
      expect.arrayContaining([expect.stringMatching(/^\(protocol\)\.weeks: expected/)]),
    );
    expect(
      problems({ modules: [{ id: "a", label: "A", weeks: 2, content: { nope: 1 } }] }),
    ).toEqual(
      expect.arrayContaining([
        expect.stringMatching(
          /^\(protocol\)\.modules\[0\]\.content\.nope: unknown content primitive/,
        ),
      ]),
    );
    expect(
      problems({ modules: [{ id: "a", label: "A", weeks: 2, content: { attention: 0.5 } }] }),
    ).toEqual(
      expect.arrayContaining([expect.stringMatching(/content: expected shares summing to 1/)]),
    );
    expect(
      problems({ modules: [{ id: "a", label: "A", weeks: 1, content: { attention: 1 } }] }),
    ).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^\(protocol\)\.modules: expected module weeks summing to 2/),
      ]),
    );
    expect(problems({ classes: { perWeek: 9, minutes: 60 } })).toEqual(
      expect.arrayContaining([expect.stringMatching(/classes\.perWeek: expected/)]),
    );
    expect(problems({ adherence: { mean: 2, sd: 1 } })).toEqual(
      expect.arrayContaining([expect.stringMatching(/adherence\.mean: expected/)]),
    );
    expect(problems({ colour: "red" })).toEqual(
      expect.arrayContaining([expect.stringMatching(/^\(protocol\)\.colour: unknown field/)]),
    );
  });

  it("loadProtocols throws a ValidationError for a bad file and resolveProtocol names unknown ids", () => {
    const dir = mkdtempSync(join(tmpdir(), "kindsim-protocol-"));
    const f = join(dir, "bad.yaml");
    writeFileSync(
      f,
      "id: x\nlabel: X\nweeks: 1\nmodules: [{ id: a, label: A, weeks: 1, content: { attention: 2 } }]\n",
    );
    expect(() => loadProtocols(f, model)).toThrow(ValidationError);
    expect(() => resolveProtocol("nope", model)).toThrow(/unknown protocol "nope".*cbct/);
  });

  it("practiceOnDay follows the module order, classes and home days", () => {
    const p = readProtocol(new Issues(), "(p)", base, model)!;
    expect(moduleOnDay(p, 0)?.id).toBe("a");
    expect(moduleOnDay(p, 7)?.id).toBe("b");
    expect(moduleOnDay(p, 14)).toBeUndefined();
    expect(practiceOnDay(p, 0)).toMatchObject({ classMinutes: 60, homeMinutes: 20 });
    expect(practiceOnDay(p, 1)).toMatchObject({ classMinutes: 0, homeMinutes: 20 });
    expect(practiceOnDay(p, 6).homeMinutes).toBe(0); // weekday 6 > 5 home days
    expect(practiceOnDay(p, 14)).toMatchObject({ classMinutes: 0, homeMinutes: 0 });
  });

  it("therapistProtocol gives the CFT therapist the dyad's content in each session, without home practice", () => {
    const cft = resolveProtocol("cft", model);
    const t = therapistProtocol(cft)!;
    expect(t.id).toBe("cft-therapist");
    expect(t.home).toBeUndefined();
    expect(
      t.modules.every((m) => JSON.stringify(m.content) === JSON.stringify(cft.dyad!.content)),
    ).toBe(true);
    expect(therapistProtocol(resolveProtocol("cbct", model))).toBeUndefined();
  });
});
