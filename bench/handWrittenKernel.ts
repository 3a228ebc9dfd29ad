/**
 * A hand-written, plain-loop RK4 of the fast level of the default model
 * (`models/mascaro2015.yaml`): the baseline the generated episode kernel is measured
 * against in `npm run bench`. The eighteen equations of the second edition are written out
 * by hand from the YAML; parameters are read once from the compiled model,
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
  "attentionShift",
  "distinction",
  "rsa",
  "sympathetic",
  "cortisol",
  "cytokines",
  "oxytocinNow",
] as const;

const NF = HAND_FAST.length;

const sig = (x: number): number => 1 / (1 + Math.exp(-x));

/**
 * Runs one episode for `P` participants with the hand-written RK4 and writes each
 * participant's final fast states to `outFinal[p * 18 + i]` (order {@link HAND_FAST}).
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
  const [a0, a1, a2, a3, a4, a5, a6, a7, a8, a9] = [
    "a0",
    "a1",
    "a2",
    "a3",
    "a4",
    "a5",
    "a6",
    "a7",
    "a8",
    "a9",
  ].map(par);
  const [y0, y1, y2, y3, y4, y5, y6, y7, y8, y9] = [
    "y0",
    "y1",
    "y2",
    "y3",
    "y4",
    "y5",
    "y6",
    "y7",
    "y8",
    "y9",
  ].map(par);
  const [m0, m1] = ["m0", "m1"].map(par);
  const [f0, f1, f2, f3, f4, f5, f6, f7, f8] = [
    "f0",
    "f1",
    "f2",
    "f3",
    "f4",
    "f5",
    "f6",
    "f7",
    "f8",
  ].map(par);
  const [z0, z1, z2, z3, z4] = ["z0", "z1", "z2", "z3", "z4"].map(par);
  const [r0, r1, r2, r3, r4, r5, r6] = ["r0", "r1", "r2", "r3", "r4", "r5", "r6"].map(par);
  const [x0, x1, x2] = ["x0", "x1", "x2"].map(par);
  const [d0, d1, d2, d3, d4, d5, d6] = ["d0", "d1", "d2", "d3", "d4", "d5", "d6"].map(par);
  const [p0, p1, p2, p3, p4, p5, p6, p7, p8, p9] = [
    "p0",
    "p1",
    "p2",
    "p3",
    "p4",
    "p5",
    "p6",
    "p7",
    "p8",
    "p9",
  ].map(par);
  const [c0, c1, c2, c3, c4, c5, c6, c7, c8, c10] = [
    "c0",
    "c1",
    "c2",
    "c3",
    "c4",
    "c5",
    "c6",
    "c7",
    "c8",
    "c10",
  ].map(par);
  const [w0, w1, w2, w3, w4, w5] = ["w0", "w1", "w2", "w3", "w4", "w5"].map(par);
  const [as0, as1, as2] = ["as0", "as1", "as2"].map(par);
  const [sd0, sd1, sd2, sd3, sd4] = ["sd0", "sd1", "sd2", "sd3", "sd4"].map(par);
  const [rs1, rs2, rs3, rs4, rs5] = ["rs1", "rs2", "rs3", "rs4", "rs5"].map(par);
  const [sy0, sy1, sy2, sy3, sy4, sy5] = ["sy0", "sy1", "sy2", "sy3", "sy4", "sy5"].map(par);
  const [hp0, hp1, hp2, hp3] = ["hp0", "hp1", "hp2", "hp3"].map(par);
  const [cy0, cy1, cy2, cy3, cy4, cy5] = ["cy0", "cy1", "cy2", "cy3", "cy4", "cy5"].map(par);
  const [ot1, ot2] = ["ot1", "ot2"].map(par);
  // Time constants (s) from the YAML, as reciprocals like the compiled kernel.
  const tauOf = (id: string): number => {
    const tau = cm.fast[idx(cm.index.fast, id)].tau;
    const t = typeof tau === "string" ? (cm.params[tau] ?? Number(tau)) : Number(tau);
    if (!(t > 0)) throw new Error(`handWrittenEpisode: tau of ${id} is not a positive number`);
    return 1 / t;
  };
  const [iA, iY, iM, iF, iZ, iR, iX, iD, iP, iC, iW, iSh, iDi, iRs, iSy, iHp, iCy, iOt] =
    HAND_FAST.map(tauOf);

  // ---- layouts ---------------------------------------------------------------------------
  const NS = cm.slow.length,
    NT = cm.traits.length,
    NE = cm.events.length,
    NI = cm.inputs.length;
  const S = (k: string): number => idx(cm.index.slow, k);
  const SLOW = [
    "attention",
    "reappraisal",
    "warmth",
    "resonance",
    "mentalizing",
    "mirroring",
    "selfOther",
    "malleability",
    "inflammation",
    "isolation",
    "depression",
    "vagal",
    "oxytocin",
    "power",
    "expectancy",
  ].map(S);
  const tPsychopathy = idx(cm.index.trait, "psychopathy");
  const eEndotoxin = idx(cm.index.event, "endotoxin"),
    eOtAdmin = idx(cm.index.event, "otAdmin");
  const I = (k: string): number => idx(cm.index.input, k);
  const uS = I("suffering"),
    uEsc = I("escapeEase"),
    uKind = I("kindnessCue"),
    uThreat = I("socialThreat"),
    uAversive = I("aversiveCue"),
    uExcl = I("exclusionCue"),
    uSelf = I("selfFocus");
  const uFocus = I("instructFocus"),
    uRegulate = I("instructRegulate"),
    uDistract = I("instructDistract"),
    uFeel = I("instructFeel"),
    uCompassion = I("instructCompassion"),
    uInfer = I("inferenceDemand"),
    uImagine = I("imagineSelf");

  // ---- per-participant values (set before each participant's loop) -----------------------
  let attention = 0,
    reappraisal = 0,
    warmth = 0,
    resonance = 0,
    mentalizing = 0,
    mirroring = 0,
    selfOther = 0,
    malleability = 0;
  let inflammation = 0,
    isolation = 0,
    depression = 0,
    vagal = 0,
    oxytocin = 0,
    power = 0,
    expectancy = 0;
  let psychopathy = 0,
    endotoxin = 0,
    otAdmin = 0;

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
      W = y[10],
      Sh = y[11],
      Di = y[12],
      Rs = y[13],
      Sy = y[14],
      Hp = y[15],
      Cy = y[16],
      Ot = y[17];
    const s = inputs[ub + uS],
      esc = inputs[ub + uEsc],
      kind = inputs[ub + uKind],
      threat = inputs[ub + uThreat],
      aversive = inputs[ub + uAversive],
      excl = inputs[ub + uExcl],
      selfcue = inputs[ub + uSelf];
    const focus = inputs[ub + uFocus],
      regulate = inputs[ub + uRegulate],
      distract = inputs[ub + uDistract],
      feel = inputs[ub + uFeel],
      instrC = inputs[ub + uCompassion],
      infer = inputs[ub + uInfer],
      imagine = inputs[ub + uImagine];
    dy[0] =
      (sig(
        a1 * attention * (1 + a9 * focus) +
          a2 * Y +
          a3 * C +
          a7 * malleability +
          a8 * Ot -
          a4 * Sh -
          a5 * depression -
          a6 * D -
          a0,
      ) -
        A) *
      iA;
    dy[1] =
      (sig(
        (y1 * (s + threat) * (1 + y2 * (inflammation + Cy)) +
          y6 * A * s +
          y9 * warmth * s +
          y5 * aversive +
          y7 * kind) *
          (1 - y4 * psychopathy) -
          y3 * R -
          y8 * Sh -
          y0,
      ) -
        Y) *
      iY;
    dy[2] = (sig(m1 * mirroring * s * A - m0) - M) * iM;
    dy[3] =
      (sig(
        resonance *
          (f1 * s * A + f2 * M) *
          (1 + f3 * Ot) *
          (1 - f6 * X) *
          (1 - f7 * depression) *
          (1 + f8 * feel) +
          f4 * Y -
          f5 * R -
          f0,
      ) -
        F) *
      iF;
    dy[4] = (sig(mentalizing * (z1 * (s + z4 * infer) * A + z2 * M) + z3 * F - z0) - Z) * iZ;
    dy[5] =
      (sig(
        reappraisal * (r1 * F + r2 * Y + r4 * regulate) +
          r3 * Rs +
          r5 * expectancy -
          r6 * feel -
          r0,
      ) -
        R) *
      iR;
    dy[6] = (sig(x1 * excl + x2 * isolation - x0) - X) * iX;
    dy[7] =
      (sig(d1 * selfcue + d2 * Pd + d3 * depression + d6 * imagine - d4 * selfOther - d5 * A - d0) -
        D) *
      iD;
    dy[8] =
      (sig(
        p1 * F * (1 - Di) +
          p2 * (F * F) +
          p3 * Y +
          p5 * X +
          p7 * threat -
          p4 * R -
          p6 * power -
          p8 * C -
          p9 * Ot -
          p0,
      ) -
        Pd) *
      iP;
    dy[9] =
      (sig(
        warmth * (c1 * F * Di + c2 * Z + c6 * kind + c10 * instrC) +
          c3 * Rs +
          c4 * Ot +
          c8 * W -
          c5 * Pd -
          c7 * power -
          c0,
      ) -
        C) *
      iC;
    dy[10] = (sig(w1 * C + w2 * warmth * (kind + w5 * selfcue) + w3 * Ot - w4 * Pd - w0) - W) * iW;
    dy[11] = (sig(as1 * Pd * (0.5 + esc) + as2 * attention * distract - as0) - Sh) * iSh;
    dy[12] = (sig(sd1 * selfOther * A + sd2 * Z - sd3 * imagine - sd4 * Sy - sd0) - Di) * iDi;
    dy[13] = (sig(rs1 * (vagal - 0.5) + rs2 * C + rs3 * Ot - rs4 * Sy - rs5 * power) - Rs) * iRs;
    dy[14] = (sig(sy1 * Y + sy2 * Pd + sy3 * threat - sy4 * Rs - sy5 * Ot - sy0) - Sy) * iSy;
    dy[15] = (sig(hp1 * Sy * threat + hp2 * Pd - hp3 * Ot - hp0) - Hp) * iHp;
    dy[16] =
      (sig(cy1 * endotoxin + cy2 * Sy + cy3 * inflammation - cy4 * Rs - cy5 * Ot - cy0) - Cy) * iCy;
    dy[17] = (sig(ot2 * (oxytocin - 0.5) + ot1 * otAdmin) - Ot) * iOt;
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
    attention = slow[so + SLOW[0]];
    reappraisal = slow[so + SLOW[1]];
    warmth = slow[so + SLOW[2]];
    resonance = slow[so + SLOW[3]];
    mentalizing = slow[so + SLOW[4]];
    mirroring = slow[so + SLOW[5]];
    selfOther = slow[so + SLOW[6]];
    malleability = slow[so + SLOW[7]];
    inflammation = slow[so + SLOW[8]];
    isolation = slow[so + SLOW[9]];
    depression = slow[so + SLOW[10]];
    vagal = slow[so + SLOW[11]];
    oxytocin = slow[so + SLOW[12]];
    power = slow[so + SLOW[13]];
    expectancy = slow[so + SLOW[14]];
    psychopathy = traits[to + tPsychopathy];
    endotoxin = events[eo + eEndotoxin];
    otAdmin = events[eo + eOtAdmin];
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
