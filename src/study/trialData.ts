/**
 * The tidy data a virtual trial produces, shared by the trial runner, the analyses and the
 * outputs: one row per participant × wave × measure (× time point).
 */

/** One participant of a trial. */
export interface TrialParticipant {
  id: number;
  arm: string;
  /** Stratum label used by stratified randomisation ("" otherwise). */
  stratum: string;
  /**
   * Programme minutes over the whole trial: class contact (including its guided practice),
   * home practice and individual sessions, not home practice alone; and days with any of
   * them. (Written as `programme_minutes` and `practice_days`, see `trialDictionaries`.)
   */
  minutes: number;
  practiceDays: number;
  /** Person-level propensity to practise. */
  adherence: number;
  /** Day the participant dropped out (null if they completed). */
  dropoutDay: number | null;
  /** Trait values (model trait nodes) and prior practice hours. */
  traits: Record<string, number>;
}

/** One measurement. */
export interface TrialRow {
  participant: number;
  arm: string;
  wave: string;
  day: number;
  paradigm: string;
  measure: string;
  /** Minutes from the stressor for time courses (null otherwise). */
  time: number | null;
  value: number;
}

/** Everything a trial recorded. */
export interface TrialData {
  participants: TrialParticipant[];
  rows: TrialRow[];
  waves: { id: string; day: number }[];
  arms: string[];
}

/**
 * A reference to one value per participant:
 * - `{ measure, wave }`: the measure at a wave (time-course measures need `time`);
 * - `{ measure, change: [from, to] }`: the change between two waves (to − from);
 * - `{ participant: "minutes" | "practiceDays" | "adherence" | <trait id> }`: a participant field;
 * - `{ arm: <treatment arm id> }`: 1 for that arm, 0 for the others (a two-arm contrast).
 */
export type ValueRef =
  | { measure: string; wave: string; time?: number }
  | { measure: string; change: [string, string]; time?: number }
  | { participant: string }
  | { arm: string };
