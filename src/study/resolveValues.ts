/**
 * Turning the tidy rows of a virtual trial into one value per participant
 * (a {@link ValueRef}), and aligning several such values over the
 * participants who have all of them (complete cases).
 */
import type { TrialData, TrialParticipant, ValueRef } from "./trialData.js";

/** Aligned complete-case columns produced by {@link pairValues}. */
export interface PairedValues {
  /** Participant ids present in every map, ascending. */
  ids: number[];
  /** One column per input map, each aligned with `ids`. */
  columns: number[][];
}

/** Participant fields that are not traits and can be referenced by `{ participant }`. */
const PARTICIPANT_NUMBER_FIELDS = ["minutes", "practiceDays", "adherence"] as const;

/**
 * Value of a participant field (`minutes`, `practiceDays`, `adherence`) or
 * trait; undefined when the participant has no such field.
 */
function participantField(p: TrialParticipant, field: string): number | undefined {
  if ((PARTICIPANT_NUMBER_FIELDS as readonly string[]).includes(field)) {
    return p[field as (typeof PARTICIPANT_NUMBER_FIELDS)[number]];
  }
  return Object.prototype.hasOwnProperty.call(p.traits, field) ? p.traits[field] : undefined;
}

/**
 * Mean of every finite value of `measure` at each wave in `waves`, per
 * participant in `include`. Rows must match `time` exactly (null when the
 * reference gives no time, so time-course rows are only used when a time
 * is named). Several matching rows (repeated measurements) are averaged.
 */
function measureAtWaves(
  data: TrialData,
  measure: string,
  waves: readonly string[],
  time: number | undefined,
  include: ReadonlySet<number>,
): Map<string, Map<number, number>> {
  const wanted = time ?? null;
  const sums = new Map<string, Map<number, { s: number; n: number }>>();
  for (const w of waves) sums.set(w, new Map());
  for (const row of data.rows) {
    if (row.measure !== measure || row.time !== wanted) continue;
    const byId = sums.get(row.wave);
    if (byId === undefined || !include.has(row.participant)) continue;
    if (!Number.isFinite(row.value)) continue;
    const acc = byId.get(row.participant);
    if (acc === undefined) byId.set(row.participant, { s: row.value, n: 1 });
    else {
      acc.s += row.value;
      acc.n += 1;
    }
  }
  const out = new Map<string, Map<number, number>>();
  for (const [w, byId] of sums) {
    const m = new Map<number, number>();
    for (const [id, { s, n }] of byId) m.set(id, s / n);
    out.set(w, m);
  }
  return out;
}

/**
 * One value per participant for `ref`:
 * - `{ measure, wave, time? }`: the measure at that wave (rows whose `time`
 *   equals `time`, or is null when `time` is omitted; repeated rows are
 *   averaged);
 * - `{ measure, change: [from, to], time? }`: value at `to` minus value at
 *   `from` (only participants measured at both waves);
 * - `{ participant: field }`: `minutes`, `practiceDays`, `adherence` or a
 *   trait id;
 * - `{ arm }`: 1 for participants in that arm, 0 for the others.
 *
 * Participants without a finite value (e.g. waves after dropout, unknown
 * measure or field) are simply absent. Never throws for missing data.
 *
 * @param data - the trial's tidy data
 * @param ref - what to extract
 * @param arms - when given, only participants in these arms are included
 * @returns participant id → value, in participant order
 */
export function resolveValues(
  data: TrialData,
  ref: ValueRef,
  arms?: readonly string[],
): Map<number, number> {
  const participants =
    arms === undefined ? data.participants : data.participants.filter((p) => arms.includes(p.arm));
  const out = new Map<number, number>();
  if ("participant" in ref) {
    for (const p of participants) {
      const v = participantField(p, ref.participant);
      if (v !== undefined && Number.isFinite(v)) out.set(p.id, v);
    }
    return out;
  }
  if ("arm" in ref) {
    for (const p of participants) out.set(p.id, p.arm === ref.arm ? 1 : 0);
    return out;
  }
  const include = new Set(participants.map((p) => p.id));
  if ("wave" in ref) {
    const byWave = measureAtWaves(data, ref.measure, [ref.wave], ref.time, include);
    const values = byWave.get(ref.wave) ?? new Map<number, number>();
    for (const p of participants) {
      const v = values.get(p.id);
      if (v !== undefined) out.set(p.id, v);
    }
    return out;
  }
  const [from, to] = ref.change;
  const byWave = measureAtWaves(data, ref.measure, [from, to], ref.time, include);
  const a = byWave.get(from) ?? new Map<number, number>();
  const b = byWave.get(to) ?? new Map<number, number>();
  for (const p of participants) {
    const va = a.get(p.id);
    const vb = b.get(p.id);
    if (va === undefined || vb === undefined) continue;
    const d = vb - va;
    if (Number.isFinite(d)) out.set(p.id, d);
  }
  return out;
}

/**
 * Align several participant → value maps over the participants present in
 * all of them (complete cases), ordered by ascending participant id.
 *
 * @param maps - maps from {@link resolveValues}
 * @returns the shared ids and one aligned column per map (no maps: empty)
 */
export function pairValues(...maps: ReadonlyMap<number, number>[]): PairedValues {
  if (maps.length === 0) return { ids: [], columns: [] };
  const ids = [...maps[0].keys()]
    .filter((id) => maps.every((m) => m.has(id)))
    .sort((x, y) => x - y);
  const columns = maps.map((m) => ids.map((id) => m.get(id) as number));
  return { ids, columns };
}
