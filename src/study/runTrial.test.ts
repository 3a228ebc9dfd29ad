import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { InputError, ValidationError } from "../model/issues.js";
import { randomise, runTrial, type TrialRun } from "./runTrial.js";
import { readStudy, type StudySpec } from "./studySpec.js";

const dir = mkdtempSync(join(tmpdir(), "kindsim-trial-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/* eslint-disable @typescript-eslint/no-explicit-any -- studies are built as raw data */

/** A small study: 2 arms × 10, 14 days, questionnaires at both waves. */
function raw(): any {
  return {
    id: "small",
    title: "Small trial",
    population: "healthy-adults",
    seed: 11,
    arms: [
      { id: "lkm", protocol: "lkm", n: 10 },
      { id: "waitlist", protocol: "waitlist", n: 10 },
    ],
    waves: [
      { id: "pre", day: 0 },
      { id: "post", day: 14 },
    ],
    battery: ["questionnaires"],
    analyses: [
      {
        id: "ec_change_g",
        type: "compare",
        outcome: { measure: "iri_ec", change: ["pre", "post"] },
        arms: ["lkm", "waitlist"],
      },
      {
        id: "ec_within",
        type: "withinChange",
        measure: "iri_ec",
        change: ["pre", "post"],
        arm: "lkm",
      },
      { id: "bdi_mean", type: "mean", value: { measure: "bdi", wave: "pre" } },
    ],
  };
}

const study = (edit: (s: any) => void = () => {}): StudySpec => {
  const s = raw();
  edit(s);
  return readStudy(s, "test study");
};

const counts = (a: Uint16Array, arms: number): number[] => {
  const c = new Array<number>(arms).fill(0);
  for (const x of a) c[x]++;
  return c;
};

describe("randomise", () => {
  it("blocked: gives exactly the declared n per arm, deterministically for a seed", () => {
    const s = study((x) => (x.randomisation = { method: "blocked", blockSize: 4 }));
    const a = randomise(s, [13, 8]);
    expect(a.assignment).toHaveLength(21);
    expect(counts(a.assignment, 2)).toEqual([13, 8]);
    expect(a.strata).toEqual(new Array(21).fill(""));
    expect(randomise(s, [13, 8]).assignment).toEqual(a.assignment);
    const three = randomise(s, [5, 7, 9]);
    expect(counts(three.assignment, 3)).toEqual([5, 7, 9]);
    // Another seed: another (still exact) allocation.
    const other = randomise({ ...s, seed: 12 }, [13, 8]);
    expect(counts(other.assignment, 2)).toEqual([13, 8]);
    expect(other.assignment).not.toEqual(a.assignment);
    // Not simply arm-ordered.
    expect(a.assignment).not.toEqual(Uint16Array.from([...Array(13).fill(0), ...Array(8).fill(1)]));
  });

  // BUG (minor): "blocked" does not produce permuted blocks. The blocks are cut from the
  // arm-ordered label list (so each block holds a single arm) and then every id is shuffled
  // globally, which makes "blocked" a plain random permutation of the labels: consecutive
  // ids are not balanced within blocks of `blockSize`. Totals are still exact and ids are
  // exchangeable in a simulation, so the practical effect is small, but the method does not
  // do what its name and the study-file docs say.
  it("blocked: every consecutive block of blockSize ids is balanced across arms", () => {
    const s = study((x) => (x.randomisation = { method: "blocked", blockSize: 4 }));
    for (let seed = 1; seed <= 5; seed++) {
      const { assignment } = randomise({ ...s, seed }, [20, 20]);
      for (let start = 0; start < 40; start += 4)
        expect(counts(assignment.slice(start, start + 4), 2)).toEqual([2, 2]);
    }
  });

  it("simple: gives arms roughly in proportion to their n", () => {
    const s = study((x) => (x.randomisation = { method: "simple" }));
    const a = randomise(s, [300, 100]);
    const [c0, c1] = counts(a.assignment, 2);
    expect(c0 + c1).toBe(400);
    expect(c0).toBeGreaterThan(260);
    expect(c0).toBeLessThan(340);
    expect(randomise(s, [300, 100]).assignment).toEqual(a.assignment);
    // Not forced to the exact n (over a few seeds at least one differs).
    const exact = [1, 2, 3, 4, 5].every(
      (seed) => counts(randomise({ ...s, seed }, [300, 100]).assignment, 2)[0] === 300,
    );
    expect(exact).toBe(false);
  });

  it("stratified: balances arms within each stratum and records the strata", () => {
    const s = study(
      (x) => (x.randomisation = { method: "stratified", strata: ["warmth0"], blockSize: 4 }),
    );
    // Three strata of unequal sizes, interleaved with the ids.
    const strataOf = (id: number): string => (id % 5 === 0 ? "a" : id % 5 < 3 ? "b" : "c");
    const { assignment, strata } = randomise(s, [30, 30], strataOf);
    expect(strata).toEqual(Array.from({ length: 60 }, (_, id) => strataOf(id)));
    for (const label of ["a", "b", "c"]) {
      const ids = strata.flatMap((x, id) => (x === label ? [id] : []));
      const c = counts(
        Uint16Array.from(ids, (id) => assignment[id]),
        2,
      );
      // Permuted blocks of 4 (2 + 2): at most 2 apart within a stratum.
      expect(Math.abs(c[0] - c[1])).toBeLessThanOrEqual(2);
      // Full blocks are exactly balanced.
      for (let start = 0; start + 4 <= ids.length; start += 4)
        expect(
          counts(
            Uint16Array.from(ids.slice(start, start + 4), (id) => assignment[id]),
            2,
          ),
        ).toEqual([2, 2]);
    }
    const total = counts(assignment, 2);
    expect(Math.abs(total[0] - total[1])).toBeLessThanOrEqual(6);
    expect(randomise(s, [30, 30], strataOf).assignment).toEqual(assignment);
  });
});

describe("runTrial", () => {
  let one: TrialRun;
  beforeAll(async () => {
    one = await runTrial(study(), { threads: 1 });
  });

  it("runs a small trial with a row for every participant × wave × measure", () => {
    const { data } = one;
    expect(data.participants).toHaveLength(20);
    expect(data.arms).toEqual(["lkm", "waitlist"]);
    expect(data.participants.filter((p) => p.arm === "lkm")).toHaveLength(10);
    expect(data.participants.every((p) => p.dropoutDay === null)).toBe(true);
    const measures = [
      "iri_ec",
      "iri_pd",
      "iri_pt",
      "bdi",
      "ucla",
      "panas_pa",
      "panas_na",
      "scs",
      "compassion_scale",
      "empathy_mindset",
    ];
    expect(data.rows).toHaveLength(20 * 2 * measures.length);
    const keys = new Set(data.rows.map((r) => `${r.participant}|${r.wave}|${r.measure}`));
    for (const p of data.participants)
      for (const w of ["pre", "post"])
        for (const m of measures) expect(keys).toContain(`${p.id}|${w}|${m}`);
    for (const r of data.rows) {
      expect(r.paradigm).toBe("questionnaires");
      expect(r.day).toBe(r.wave === "pre" ? 0 : 14);
      expect(r.time).toBeNull();
      expect(r.arm).toBe(data.participants.find((p) => p.id === r.participant)!.arm);
    }
    // Questionnaires read finite scores, except a past-week diary on day 0 (no days yet).
    expect(
      data.rows.filter((r) => r.measure !== "panas_pa").every((r) => Number.isFinite(r.value)),
    ).toBe(true);
    expect(
      data.rows
        .filter((r) => r.measure === "panas_pa" && r.wave === "post")
        .every((r) => Number.isFinite(r.value)),
    ).toBe(true);
    // The loving-kindness arm practised; the wait-list did not.
    const mins = (arm: string): number[] =>
      data.participants.filter((p) => p.arm === arm).map((p) => p.minutes);
    expect(mins("waitlist").every((m) => m === 0)).toBe(true);
    expect(mins("lkm").some((m) => m > 0)).toBe(true);
  });

  it("returns a result for each planned analysis", () => {
    expect(one.results.map((r) => r.id)).toEqual(["ec_change_g", "ec_within", "bdi_mean"]);
    for (const r of one.results) {
      expect(r.error).toBeUndefined();
      expect(Number.isFinite(r.estimate)).toBe(true);
      expect(r.ci[0]).toBeLessThanOrEqual(r.estimate);
      expect(r.ci[1]).toBeGreaterThanOrEqual(r.estimate);
    }
    expect(one.results[0].n).toBe(20);
    expect(one.results[1].n).toBe(10);
    expect(one.results[2].n).toBe(20);
    expect(one.spec.seed).toBe(11);
    expect(one.seconds).toBeGreaterThan(0);
  });

  it("gives identical data and results for threads 1 and 2", async () => {
    const two = await runTrial(study(), { threads: 2 });
    expect(two.data.rows).toEqual(one.data.rows);
    expect(two.data.participants).toEqual(one.data.participants);
    expect(two.results).toEqual(one.results);
  });

  it("honours the n and seed options (n per arm, seed overriding the study's)", async () => {
    const run = await runTrial(
      study((s) => (s.battery = { post: ["questionnaires"] })),
      {
        n: 4,
        seed: 99,
      },
    );
    expect(run.data.participants).toHaveLength(8);
    expect(run.spec.seed).toBe(99);
    expect(new Set(run.data.rows.map((r) => r.wave))).toEqual(new Set(["post"]));
  });

  it("drops participants out with a state-dependent hazard and leaves them out of later waves", async () => {
    // A population high on warmth (a trained skill that starts at its baseline trait).
    const high = join(dir, "high-warmth.json");
    writeFileSync(
      high,
      JSON.stringify({
        id: "high-warmth",
        label: "High warmth",
        extends: "healthy-adults",
        traits: { warmth0: { median: 0.92, sd: 0.2 } },
      }),
    );
    const withDropout = (population: string, slope: number): StudySpec =>
      study((s) => {
        s.population = population;
        s.arms = [
          { id: "lkm", protocol: "lkm", n: 15 },
          { id: "waitlist", protocol: "waitlist", n: 15 },
        ];
        s.battery = ["questionnaires"];
        s.analyses = [];
        s.dropout = { perWeek: 0.2, dependsOn: "warmth", slope };
      });
    const runs = {
      flat: await runTrial(withDropout(high, 0)),
      steep: await runTrial(withDropout(high, 4)),
      healthy: await runTrial(withDropout("healthy-adults", 4)),
    };
    // Precondition: the high population stays above 0.5 on the node, the healthy one below.
    const warmthOf = (run: TrialRun): number[] => {
      const v = run.cohort.variables.indexOf("warmth");
      const NV = run.cohort.variables.length;
      const D = run.cohort.days.length;
      return Array.from(run.cohort.ids, (_, p) => run.cohort.daily[(p * D + 7) * NV + v]);
    };
    const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[xs.length >> 1];
    expect(median(warmthOf(runs.steep))).toBeGreaterThan(0.6);
    expect(median(warmthOf(runs.healthy))).toBeLessThan(0.4);

    const dropped = (run: TrialRun): number =>
      run.data.participants.filter((p) => p.dropoutDay !== null).length;
    expect(dropped(runs.flat)).toBeGreaterThan(0);
    expect(dropped(runs.steep)).toBeGreaterThan(dropped(runs.flat));
    expect(dropped(runs.steep)).toBeGreaterThan(dropped(runs.healthy));

    for (const run of Object.values(runs)) {
      const post = new Set(
        run.data.rows.filter((r) => r.wave === "post").map((r) => r.participant),
      );
      const pre = new Set(run.data.rows.filter((r) => r.wave === "pre").map((r) => r.participant));
      expect(pre.size).toBe(30); // nobody drops out before day 1
      for (const p of run.data.participants) {
        if (p.dropoutDay !== null) {
          expect(p.dropoutDay).toBeGreaterThanOrEqual(1);
          expect(p.dropoutDay).toBeLessThanOrEqual(14);
          expect(post.has(p.id)).toBe(false);
        } else expect(post.has(p.id)).toBe(true);
      }
    }
  });

  it("rejects an unknown paradigm in the battery, naming battery.<wave>", async () => {
    const bad = study(
      (s) => (s.battery = { pre: ["questionnaires"], post: ["questionnaires", "rmett"] }),
    );
    await expect(runTrial(bad)).rejects.toThrow(ValidationError);
    await expect(runTrial(bad)).rejects.toThrow(/battery\.post\[1\]: unknown paradigm "rmett"/);
    const perArm = study(
      (s) => (s.battery = { post: { lkm: ["nope"], waitlist: ["questionnaires"] } }),
    );
    await expect(runTrial(perArm)).rejects.toThrow(
      /battery\.post\.lkm\[0\]: unknown paradigm "nope"/,
    );
  });

  it("rejects analyses of measures the battery does not take, and unknown events and dropout nodes", async () => {
    const analysis = study(
      (s) =>
        (s.analyses = [
          { id: "x", type: "mean", value: { measure: "rmet_accuracy", wave: "pre" } },
        ]),
    );
    await expect(runTrial(analysis)).rejects.toThrow(/analyses\[0\]/);
    const event = study((s) => (s.events = [{ event: "earthquake", from: 1 }]));
    await expect(runTrial(event)).rejects.toThrow(/events\[0\]\.event: unknown event "earthquake"/);
    const dropout = study((s) => (s.dropout = { perWeek: 0.1, dependsOn: "mood" }));
    await expect(runTrial(dropout)).rejects.toThrow(/dropout\.dependsOn/);
  });
});

describe("runTrial: diary run-in", () => {
  /** Two waves; the battery is set per test. No diary looks back past day 1 in `golden`. */
  const golden = (battery: unknown): StudySpec =>
    readStudy(
      {
        id: "small",
        title: "Small trial",
        population: "healthy-adults",
        seed: 11,
        arms: [
          { id: "lkm", protocol: "lkm", n: 10 },
          { id: "waitlist", protocol: "waitlist", n: 10 },
        ],
        waves: [
          { id: "pre", day: 0 },
          { id: "post", day: 14 },
        ],
        battery,
        events: [{ event: "exclusion", from: 3, to: 5, value: 0.5 }],
        dropout: { perWeek: 0.05 },
        analyses: [
          {
            id: "rmet_g",
            type: "compare",
            outcome: { measure: "rmet_accuracy", wave: "post" },
            arms: ["lkm", "waitlist"],
          },
        ],
      },
      "golden",
    );

  it("a study without a diary before day 1 is simulated exactly as before (no run-in)", async () => {
    // Figures recorded from the runner before the run-in existed, re-pinned on the model's second
    // edition (the no-run-in path is unchanged; the model's numbers are not).
    const run = await runTrial(golden({ pre: ["rmet"], post: ["rmet", "experience-sampling"] }), {
      threads: 1,
    });
    expect(run.runInDays).toBe(0);
    expect(run.cohort.days[0]).toBe(0);
    let sum = 0;
    for (const r of run.data.rows) if (Number.isFinite(r.value)) sum += r.value;
    expect(run.data.rows).toHaveLength(179);
    expect(sum).toBe(1445.0560343988218);
    expect(run.data.rows.slice(0, 3).map((r) => r.value)).toEqual([36, 31, 24]);
    expect(run.results[0].estimate).toBe(0.27883695105428863);
    expect(run.data.participants.flatMap((p) => p.dropoutDay ?? [])).toEqual([13, 4, 1]);
    expect(run.data.participants.reduce((a, p) => a + p.minutes, 0)).toBe(2415);
  });

  it("a diary at pre reads a simulated run-in without practice: values, not NA", async () => {
    const run = await runTrial(
      golden({ pre: ["experience-sampling", "questionnaires"], post: ["rmet"] }),
      {
        threads: 1,
      },
    );
    // experience sampling looks back 14 days, PANAS-PA 7: a 14-day run-in.
    expect(run.runInDays).toBe(14);
    expect(run.cohort.days[0]).toBe(-14);
    expect(run.cohort.days.at(-1)).toBe(14);
    const pre = run.data.rows.filter((r) => r.wave === "pre");
    for (const m of ["daily_positive", "daily_connection", "daily_helping", "panas_pa"]) {
      const vals = pre.filter((r) => r.measure === m).map((r) => r.value);
      expect(vals).toHaveLength(20);
      expect(vals.every(Number.isFinite)).toBe(true);
      expect(new Set(vals).size).toBeGreaterThan(1);
    }
    expect(pre.every((r) => r.day === 0)).toBe(true);
    // Nobody practises in the run-in: the wait-list practises never, and the programme's
    // minutes are what they are without a run-in.
    const plain = await runTrial(golden({ pre: ["rmet"], post: ["rmet"] }), { threads: 1 });
    expect(
      run.data.participants.filter((p) => p.arm === "waitlist").every((p) => p.minutes === 0),
    ).toBe(true);
    const NV = run.cohort.variables.length;
    const D = run.cohort.days.length;
    const m = run.cohort.variables.indexOf("minutes");
    for (let p = 0; p < run.cohort.ids.length; p++)
      for (let d = 0; d <= 14; d++) expect(run.cohort.daily[(p * D + d) * NV + m]).toBe(0);
    // Dropout is counted on study days (1 … 14) in both.
    for (const p of run.data.participants)
      if (p.dropoutDay !== null) expect(p.dropoutDay).toBeGreaterThanOrEqual(1);
    expect(plain.runInDays).toBe(0);
  });
});

describe("runTrial: stratification by an unknown trait", () => {
  it("is an InputError naming the field and the model's traits", async () => {
    const s = study(
      (x) => (x.randomisation = { method: "stratified", strata: ["nope"], blockSize: 4 }),
    );
    await expect(runTrial(s, { threads: 1 })).rejects.toThrow(
      /^randomisation\.strata: expected a trait of the model, got "nope" \(traits: .*warmth0/,
    );
    await expect(runTrial(s, { threads: 1 })).rejects.toBeInstanceOf(InputError);
  });
});

describe("runTrial: set: values outside a parameter's prior support", () => {
  it("are refused with an InputError naming set.<key>, as --set is", async () => {
    const s = study((x) => (x.set = { a1: -1 }));
    await expect(runTrial(s, { threads: 1 })).rejects.toThrow(
      /^set\.a1: -1 lies outside the support of its normal prior, \[0, /,
    );
    await expect(runTrial(s, { threads: 1 })).rejects.toBeInstanceOf(InputError);
    // a value inside the support runs
    const ok = await runTrial(
      study((x) => (x.set = { a1: 3.5 })),
      { threads: 1, n: 2 },
    );
    expect(ok.results.length).toBeGreaterThan(0);
  });
});

describe("runTrial names the study field that holds an unknown id", () => {
  it.each([
    ["arms[1].protocol", (s: any) => (s.arms[1].protocol = "waitlsit")],
    ["population", (s: any) => (s.population = "adults")],
    ["arms[0].population", (s: any) => (s.arms[0].population = "adults")],
    ["variant", (s: any) => (s.variant = "no-oxytocn")],
  ])("%s", async (field, mutate) => {
    const s = raw();
    mutate(s);
    await expect(runTrial(readStudy(s, "study"))).rejects.toThrow(
      new RegExp(`^${field.replace(/[[\].]/g, "\\$&")}: `),
    );
  });
});
