/**
 * A hand-written, plain-loop RK4 of the fast level of the default model
 * (`models/mascaro2015.yaml`): the baseline the generated episode kernel is measured
 * against in `npm run bench`. The eleven equations (A, Y, M, F, Z, R, X, D, P, C, W) are
 * written out by hand from the YAML; parameters are read once from the compiled model,
 * slow values and traits per participant from arrays in the compiled kernel's layout.
 * Jitter is ignored and readouts are not computed; only final fast states are written.
 */

import type { CompiledModel } from "../src/engine/compileModel.js";

/** Fast nodes of the default model, in the order of the compiled kernel. */
export const HAND_FAST = [
  "attendOther",
  "salience",
  "motorSimulation",
  "affectiveSharing",
  "perspectiveTaking",
  "regulation",
  "feltExclusion",
  "selfReference",
  "personalDistress",
  "compassion",
  "reward",
] as const;

const NF = HAND_FAST.length;

const sig = (x: number): number => 1 / (1 + Math.exp(-x));

/**
 * Runs one episode for `P` participants with the hand-written RK4 and writes each
 * participant's final fast states to `outFinal[p * 11 + i]` (order {@link HAND_FAST}).
 * `slow`, `traits`, `events` and `inputs` are laid out as for `cm.episode`.
 */
export function handWrittenEpisode(
  cm: CompiledModel,
  P: number,
  slow: Float64Array,
  traits: Float64Array,
  events: Float64Array,
  inputs: Float64Array,
  dt: number,
  nSteps: number,
  outFinal: Float64Array,
): void {
  for (let i = 0; i < NF; i++) {
    if (cm.fast[i]?.id !== HAND_FAST[i])
      throw new Error(
        `handWrittenEpisode: fast node ${i} is ${cm.fast[i]?.id}, expected ${HAND_FAST[i]} (default model only)`,
      );
  }
  const par = (k: string): number => {
    const v = cm.params[k];
    if (v === undefined) throw new Error(`handWrittenEpisode: parameter ${k} missing`);
    return v;
  };
  const idx = (m: Map<string, number>, k: string): number => {
    const v = m.get(k);
    if (v === undefined) throw new Error(`handWrittenEpisode: ${k} missing`);
    return v;
  };

  // ---- parameters, read once -----------------------------------------------------------
  const a0 = par("a0"),
    a1 = par("a1"),
    a2 = par("a2"),
    a3 = par("a3"),
    a4 = par("a4"),
    a5 = par("a5"),
    a6 = par("a6"),
    a7 = par("a7"),
    a8 = par("a8");
  const y6 = par("y6"),
    y7 = par("y7"),
    p8 = par("p8"),
    p9 = par("p9");
  const y0 = par("y0"),
    y1 = par("y1"),
    y2 = par("y2"),
    y3 = par("y3"),
    y4 = par("y4"),
    y5 = par("y5");
  const m0 = par("m0"),
    m1 = par("m1");
  const f0 = par("f0"),
    f1 = par("f1"),
    f2 = par("f2"),
    f3 = par("f3"),
    f4 = par("f4"),
    f5 = par("f5"),
    f6 = par("f6"),
    f7 = par("f7");
  const z0 = par("z0"),
    z1 = par("z1"),
    z2 = par("z2"),
    z3 = par("z3");
  const r0 = par("r0"),
    r1 = par("r1"),
    r2 = par("r2"),
    r3 = par("r3");
  const x0 = par("x0"),
    x1 = par("x1"),
    x2 = par("x2");
  const d0 = par("d0"),
    d1 = par("d1"),
    d2 = par("d2"),
    d3 = par("d3"),
    d4 = par("d4"),
    d5 = par("d5");
  const p0 = par("p0"),
    p1 = par("p1"),
    p2 = par("p2"),
    p3 = par("p3"),
    p4 = par("p4"),
    p5 = par("p5"),
    p6 = par("p6"),
    p7 = par("p7");
  const c0 = par("c0"),
    c1 = par("c1"),
    c2 = par("c2"),
    c3 = par("c3"),
    c4 = par("c4"),
    c5 = par("c5"),
    c6 = par("c6"),
    c7 = par("c7");
  const w0 = par("w0"),
    w1 = par("w1"),
    w2 = par("w2"),
    w3 = par("w3"),
    w4 = par("w4");
  // Time constants (s) from the YAML, as reciprocals like the compiled kernel.
  const tauOf = (id: string): number => {
    const tau = cm.fast[idx(cm.index.fast, id)].tau;
    const t = typeof tau === "string" ? (cm.params[tau] ?? Number(tau)) : Number(tau);
    if (!(t > 0)) throw new Error(`handWrittenEpisode: tau of ${id} is not a positive number`);
    return 1 / t;
  };
  const iA = tauOf("attendOther"),
    iY = tauOf("salience"),
    iM = tauOf("motorSimulation"),
    iF = tauOf("affectiveSharing"),
    iZ = tauOf("perspectiveTaking"),
    iR = tauOf("regulation");
  const iX = tauOf("feltExclusion"),
    iD = tauOf("selfReference"),
    iP = tauOf("personalDistress"),
    iC = tauOf("compassion"),
    iW = tauOf("reward");

  // ---- layouts ---------------------------------------------------------------------------
  const NS = cm.slow.length,
    NT = cm.traits.length,
    NE = cm.events.length,
    NI = cm.inputs.length;
  const S = (k: string): number => idx(cm.index.slow, k);
  const sAttention = S("attention"),
    sReappraisal = S("reappraisal"),
    sWarmth = S("warmth"),
    sResonance = S("resonance");
  const sMentalizing = S("mentalizing"),
    sMirroring = S("mirroring"),
    sSelfOther = S("selfOther"),
    sMalleability = S("malleability");
  const sInflammation = S("inflammation"),
    sIsolation = S("isolation"),
    sDepression = S("depression"),
    sVagal = S("vagal");
  const sOxytocin = S("oxytocin"),
    sPower = S("power");
  const tPsychopathy = idx(cm.index.trait, "psychopathy");
  const eEndotoxin = idx(cm.index.event, "endotoxin");
  const I = (k: string): number => idx(cm.index.input, k);
  const uS = I("suffering"),
    uEsc = I("escapeEase"),
    uKind = I("kindnessCue"),
    uThreat = I("socialThreat"),
    uNonsocial = I("aversiveCue"),
    uExcl = I("exclusionCue"),
    uSelfcue = I("selfFocus");

  // ---- per-participant values (set before each participant's loop) -----------------------
  let attention = 0,
    reappraisal = 0,
    warmth = 0,
    resonance = 0,
    mentalizing = 0,
    mirroring = 0,
    selfOther = 0;
  let malleability = 0,
    inflammation = 0,
    isolation = 0,
    depression = 0,
    vagal = 0,
    oxytocin = 0,
    power = 0;
  let psychopathy = 0,
    endotoxin = 0;

  /** dy = f(y) for the inputs of step starting at `ub`. */
  function rhs(y: Float64Array, dy: Float64Array, ub: number): void {
    const A = y[0],
      Y = y[1],
      M = y[2],
      F = y[3],
      Z = y[4],
      R = y[5],
      X = y[6],
      D = y[7],
      Pd = y[8],
      C = y[9],
      W = y[10];
    const s = inputs[ub + uS],
      esc = inputs[ub + uEsc],
      kind = inputs[ub + uKind],
      threat = inputs[ub + uThreat];
    const nonsocial = inputs[ub + uNonsocial],
      excl = inputs[ub + uExcl],
      selfcue = inputs[ub + uSelfcue];
    dy[0] =
      (sig(
        a1 * attention +
          a2 * Y +
          a3 * C +
          a7 * malleability +
          a8 * oxytocin -
          a4 * Pd * (0.5 + esc) -
          a5 * depression -
          a6 * D -
          a0,
      ) -
        A) *
      iA;
    dy[1] =
      (sig(
        (y1 * (s + threat) * (1 + y2 * (inflammation + endotoxin)) +
          y6 * A * s +
          y5 * nonsocial +
          y7 * kind) *
          (1 - y4 * psychopathy) -
          y3 * R -
          y0,
      ) -
        Y) *
      iY;
    dy[2] = (sig(m1 * mirroring * s * A - m0) - M) * iM;
    dy[3] =
      (sig(
        resonance *
          (f1 * s * A + f2 * M) *
          (1 + f3 * oxytocin) *
          (1 - f6 * X) *
          (1 - f7 * depression) +
          f4 * Y -
          f5 * R -
          f0,
      ) -
        F) *
      iF;
    dy[4] = (sig(mentalizing * (z1 * s * A + z2 * M) + z3 * F - z0) - Z) * iZ;
    dy[5] = (sig(reappraisal * (r1 * F + r2 * Y) + r3 * vagal - r0) - R) * iR;
    dy[6] = (sig(x1 * excl + x2 * isolation - x0) - X) * iX;
    dy[7] = (sig(d1 * selfcue + d2 * Pd + d3 * depression - d4 * selfOther - d5 * A - d0) - D) * iD;
    dy[8] =
      (sig(
        p1 * F * (1 - selfOther) +
          p2 * (F * F) +
          p3 * Y +
          p5 * X +
          p7 * threat -
          p4 * R -
          p6 * power -
          p8 * C -
          p9 * oxytocin -
          p0,
      ) -
        Pd) *
      iP;
    dy[9] =
      (sig(
        warmth * (c1 * F * selfOther + c2 * Z + c6 * kind) +
          c3 * vagal +
          c4 * oxytocin -
          c5 * Pd -
          c7 * power -
          c0,
      ) -
        C) *
      iC;
    dy[10] = (sig(w1 * C + w2 * warmth * kind + w3 * oxytocin - w4 * Pd - w0) - W) * iW;
  }

  const x = new Float64Array(NF);
  const tmp = new Float64Array(NF);
  const k1 = new Float64Array(NF),
    k2 = new Float64Array(NF),
    k3 = new Float64Array(NF),
    k4 = new Float64Array(NF);
  const h = dt,
    hh = 0.5 * dt,
    h6 = dt / 6;
  for (let p = 0; p < P; p++) {
    const so = p * NS,
      to = p * NT,
      eo = p * NE;
    attention = slow[so + sAttention];
    reappraisal = slow[so + sReappraisal];
    warmth = slow[so + sWarmth];
    resonance = slow[so + sResonance];
    mentalizing = slow[so + sMentalizing];
    mirroring = slow[so + sMirroring];
    selfOther = slow[so + sSelfOther];
    malleability = slow[so + sMalleability];
    inflammation = slow[so + sInflammation];
    isolation = slow[so + sIsolation];
    depression = slow[so + sDepression];
    vagal = slow[so + sVagal];
    oxytocin = slow[so + sOxytocin];
    power = slow[so + sPower];
    psychopathy = traits[to + tPsychopathy];
    endotoxin = events[eo + eEndotoxin];
    x.fill(0);
    for (let k = 0; k < nSteps; k++) {
      const ub = k * NI;
      rhs(x, k1, ub);
      for (let i = 0; i < NF; i++) tmp[i] = x[i] + hh * k1[i];
      rhs(tmp, k2, ub);
      for (let i = 0; i < NF; i++) tmp[i] = x[i] + hh * k2[i];
      rhs(tmp, k3, ub);
      for (let i = 0; i < NF; i++) tmp[i] = x[i] + h * k3[i];
      rhs(tmp, k4, ub);
      for (let i = 0; i < NF; i++) x[i] += h6 * (k1[i] + 2 * k2[i] + 2 * k3[i] + k4[i]);
    }
    outFinal.set(x, p * NF);
  }
}
