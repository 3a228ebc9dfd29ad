/**
 * The findings scorecard: every published finding the theory should reproduce, as a check
 * that runs the model through the study's paradigm and tests the planned analysis's estimate
 * against the expected direction and magnitude (`data/findings.yaml`).
 */

import { InputError, Issues } from "../model/issues.js";
import { dataResolver, shippedPath } from "../model/dataResolver.js";
import { readData, resolveModel } from "../model/loadModel.js";
import type { Model } from "../model/types.js";
import { drawParameters } from "./drawParameters.js";
import type { AnalysisResult } from "./analyses.js";
import { runTrial } from "./runTrial.js";
import { loadStudy, readStudy, type StudySpec } from "./studySpec.js";

/** Package-relative name of the shipped findings file. */
export const FINDINGS_DATA = "data/findings.yaml";

/** What a check requires of the estimate. */
export interface Expectation {
  direction?: "positive" | "negative";
  /** The 95% CI must exclude 0 (default true when a direction is given). */
  significant?: boolean;
  window?: [number, number];
}

/** One finding as a runnable check. */
export interface FindingCheck {
  id: string;
  claim: string;
  citation: string;
  covers: string[];
  /** A study file (relative to the package root), an inline design, or another check's study. */
  study?: string;
  design?: Record<string, unknown>;
  sameAs?: string;
  /** Participants per arm for the check (default: the study's). */
  n?: number;
  analysis: string;
  expect: Expectation;
  expectedFailure?: string;
}

/** Reads and validates the findings file. */
export function loadFindings(path: string = shippedPath(FINDINGS_DATA)): FindingCheck[] {
  const raw = readData(path, "findings file") as { findings?: unknown };
  const issues = new Issues();
  const out: FindingCheck[] = [];
  (issues.array("findings", raw?.findings) ?? []).forEach((f, i) => {
    const p = `findings[${i}]`;
    const o = issues.object(p, f);
    if (!o) return;
    issues.unknownKeys(p, o, [
      "id",
      "claim",
      "citation",
      "covers",
      "study",
      "design",
      "sameAs",
      "n",
      "analysis",
      "expect",
      "expectedFailure",
    ]);
    const e = issues.object(`${p}.expect`, o.expect) ?? {};
    issues.unknownKeys(`${p}.expect`, e, ["direction", "significant", "window"]);
    let window: [number, number] | undefined;
    if (e.window !== undefined) {
      const w = issues.array(`${p}.expect.window`, e.window);
      if (w && (w.length !== 2 || !(Number(w[0]) <= Number(w[1]))))
        issues.add(`${p}.expect.window`, "expected [lo, hi] with lo <= hi");
      else if (w) window = [Number(w[0]), Number(w[1])];
    }
    const direction = issues.oneOf(
      `${p}.expect.direction`,
      e.direction,
      ["positive", "negative"] as const,
      true,
    );
    if (!direction && !window) issues.add(`${p}.expect`, "expected a direction, a window, or both");
    const sources = [o.study, o.design, o.sameAs].filter((x) => x !== undefined).length;
    if (sources !== 1) issues.add(p, "expected exactly one of study, design or sameAs");
    out.push({
      id: issues.string(`${p}.id`, o.id) ?? "",
      claim: issues.string(`${p}.claim`, o.claim) ?? "",
      citation: issues.string(`${p}.citation`, o.citation) ?? "",
      covers: issues.stringList(`${p}.covers`, o.covers ?? []) ?? [],
      study: issues.string(`${p}.study`, o.study, true),
      design: o.design === undefined ? undefined : issues.object(`${p}.design`, o.design),
      sameAs: issues.string(`${p}.sameAs`, o.sameAs, true),
      n: issues.number(`${p}.n`, o.n, { optional: true, integer: true, min: 2 }),
      analysis: issues.string(`${p}.analysis`, o.analysis) ?? "",
      expect: {
        direction,
        significant: e.significant === undefined ? undefined : Boolean(e.significant),
        window,
      },
      expectedFailure: issues.string(`${p}.expectedFailure`, o.expectedFailure, true),
    });
  });
  const ids = new Set(out.map((f) => f.id));
  out.forEach((f, i) => {
    if (f.sameAs && !ids.has(f.sameAs))
      issues.add(`findings[${i}].sameAs`, `unknown finding ${JSON.stringify(f.sameAs)}`);
    if (out.findIndex((g) => g.id === f.id) !== i)
      issues.add(`findings[${i}].id`, `duplicate finding id ${JSON.stringify(f.id)}`);
  });
  issues.throwIfAny(`findings file ${path}`);
  return out;
}

/** The check whose study a check uses (following `sameAs`). */
function rootOf(check: FindingCheck, all: FindingCheck[]): FindingCheck {
  let c = check;
  for (let k = 0; k < 10 && c.sameAs; k++) c = all.find((x) => x.id === c.sameAs)!;
  return c;
}

/** The study a check runs. */
export function studyOf(check: FindingCheck, all: FindingCheck[]): StudySpec {
  const root = rootOf(check, all);
  if (root.study) return loadStudy(shippedPath(root.study));
  return readStudy(
    { id: root.id, title: root.claim, ...root.design },
    `design of finding ${root.id}`,
    dataResolver().root,
  );
}

/** Whether an estimate meets an expectation. */
export function meets(r: AnalysisResult, e: Expectation): { ok: boolean; reason: string } {
  if (r.error || !Number.isFinite(r.estimate))
    return { ok: false, reason: r.error ?? "no estimate" };
  if (e.direction) {
    const sign = e.direction === "positive" ? 1 : -1;
    if (sign * r.estimate <= 0)
      return { ok: false, reason: `estimate has the wrong sign (expected ${e.direction})` };
    const significant = e.significant ?? true;
    if (significant && !(sign * r.ci[0] > 0 && sign * r.ci[1] > 0))
      return { ok: false, reason: "95% CI includes 0" };
  }
  if (e.window && !(r.estimate >= e.window[0] && r.estimate <= e.window[1]))
    return { ok: false, reason: `estimate outside [${e.window[0]}, ${e.window[1]}]` };
  return { ok: true, reason: "" };
}

/** One row of the scorecard. */
export interface FindingResult {
  id: string;
  claim: string;
  citation: string;
  covers: string[];
  design: string;
  analysis: string;
  passed: boolean;
  verdict: "pass" | "fail" | "expected failure" | "unexpected pass";
  reason: string;
  expectedFailure?: string;
  estimate: number;
  /** What the estimate is (the analysis's metric code, e.g. "hedges_g", "r"). */
  metric: string;
  /** Units of a raw estimate (e.g. "rmet_accuracy units"); absent when standardised. */
  unit?: string;
  ci: [number, number];
  p: number | null;
  n: number;
  /** Share of prior draws in which the check held (with --robustness). */
  robustness?: { share: number; draws: number };
}

/** The whole scorecard. */
export interface Scorecard {
  findings: FindingResult[];
  passed: number;
  total: number;
  /** Checks that failed without being marked as expected failures. */
  unexpectedFailures: number;
  seconds: number;
}

/** Options of {@link runScorecard}. */
export interface ScorecardOptions {
  /** Finding ids or id prefixes (F3 selects F3a and F3b). */
  only?: string[];
  seed?: number;
  threads?: number;
  params?: Record<string, number>;
  model?: Model;
  onProgress?: (fraction: number) => void;
}

function describeDesign(spec: StudySpec, n: number | undefined): string {
  const arms = spec.arms.map((a) => `${a.id} ${n ?? a.n}`).join(" vs ");
  const last = Math.max(...spec.waves.map((w) => w.day));
  const battery = [
    ...new Set(Object.values(spec.battery).flatMap((b) => Object.values(b).flat())),
  ].join("+");
  return `${spec.population.split("/").pop()}; ${arms}; ${last} d; ${battery}`;
}

/** Selects checks by id or id prefix. */
export function selectFindings(all: FindingCheck[], only?: string[]): FindingCheck[] {
  if (!only || only.length === 0) return all;
  const sel = all.filter((f) =>
    only.some((o) => f.id === o || (f.id.startsWith(o) && /^[a-z]$/.test(f.id.slice(o.length)))),
  );
  if (sel.length === 0)
    throw new InputError(
      `no finding matches ${only.join(",")} (known: ${all.map((f) => f.id).join(", ")})`,
    );
  return sel;
}

/** Runs the checks; each study runs once however many checks read it. */
export async function runScorecard(
  checks: FindingCheck[],
  all: FindingCheck[],
  opts: ScorecardOptions = {},
): Promise<Scorecard> {
  const t0 = performance.now();
  const groups = new Map<string, FindingCheck[]>();
  for (const c of checks) {
    const root = rootOf(c, all);
    const key = `${root.id}|${c.n ?? root.n ?? ""}`;
    if (!groups.has(key)) groups.set(key, []);
    groups.get(key)!.push(c);
  }
  const results = new Map<string, FindingResult>();
  let done = 0;
  for (const group of groups.values()) {
    const first = group[0];
    const spec = studyOf(first, all);
    const n = first.n ?? rootOf(first, all).n;
    const run = await runTrial(spec, {
      n,
      seed: opts.seed,
      threads: opts.threads,
      params: opts.params,
      model: opts.model,
    });
    for (const c of group) {
      const r = run.results.find((x) => x.id === c.analysis);
      if (!r)
        throw new InputError(
          `finding ${c.id}: the study has no analysis ${JSON.stringify(c.analysis)} (it has: ${run.results.map((x) => x.id).join(", ")})`,
        );
      const m = meets(r, c.expect);
      const verdict = m.ok
        ? c.expectedFailure
          ? "unexpected pass"
          : "pass"
        : c.expectedFailure
          ? "expected failure"
          : "fail";
      results.set(c.id, {
        id: c.id,
        claim: c.claim,
        citation: c.citation,
        covers: c.covers,
        design: describeDesign(spec, n),
        analysis: c.analysis,
        passed: m.ok,
        verdict,
        reason: m.ok ? "" : m.reason,
        expectedFailure: c.expectedFailure,
        estimate: r.estimate,
        metric: r.metric,
        ...(r.units === undefined ? {} : { unit: r.units }),
        ci: r.ci,
        p: r.p,
        n: r.n,
      });
    }
    opts.onProgress?.(++done / groups.size);
  }
  const findings = checks.map((c) => results.get(c.id)!);
  return {
    findings,
    passed: findings.filter((f) => f.passed).length,
    total: findings.length,
    unexpectedFailures: findings.filter((f) => f.verdict === "fail").length,
    seconds: (performance.now() - t0) / 1000,
  };
}

/**
 * Reruns the checks over K draws from the parameter priors and records, for each finding,
 * the share of draws in which it holds: how firmly the theory implies it.
 */
export async function addRobustness(
  card: Scorecard,
  checks: FindingCheck[],
  all: FindingCheck[],
  K: number,
  opts: ScorecardOptions = {},
): Promise<Scorecard> {
  const model = opts.model ?? resolveModel();
  const held = new Map<string, number>();
  for (let k = 0; k < K; k++) {
    const params = drawParameters(model, opts.seed ?? 1, k);
    const r = await runScorecard(checks, all, {
      ...opts,
      params,
      model,
      onProgress: (f) => opts.onProgress?.((k + f) / K),
    });
    for (const f of r.findings) if (f.passed) held.set(f.id, (held.get(f.id) ?? 0) + 1);
  }
  return {
    ...card,
    findings: card.findings.map((f) => ({
      ...f,
      robustness: { share: (held.get(f.id) ?? 0) / K, draws: K },
    })),
  };
}
