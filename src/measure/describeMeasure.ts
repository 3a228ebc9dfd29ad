/**
 * Labels and units of measure ids (`rmet_accuracy`, `il6`, `daily_positive`, …), from the
 * paradigm data: the label the paradigm gives and the unit its instrument records in.
 */

import type { Instrument } from "./instruments/types.js";
import type { Paradigm } from "./paradigm.js";

/** What a measure records. */
export interface MeasureDescription {
  id: string;
  /** Paradigm that takes the measure. */
  paradigm: string;
  /** The paradigm's label of the measure, e.g. "RMET items correct (of 36)". */
  label: string;
  /** Unit of the recorded values, from the instrument (e.g. "items correct"). */
  unit: string;
  /** Instrument kind (roi, likert, binomial, …). */
  instrument: Instrument["kind"];
  /** Minutes from the stressor, when the measure is a time course. */
  times?: number[];
}

/** The unit an instrument records in. */
export function instrumentUnit(instrument: Instrument): string {
  switch (instrument.kind) {
    case "roi":
      return "% signal change";
    case "likert":
      return instrument.score === "mean" ? "mean item score" : "sum of item scores";
    case "diary":
      return `mean daily ${instrument.score === "mean" ? "mean item score" : "sum of item scores"} over answered days`;
    case "binomial":
      return instrument.score === "proportion" ? "proportion correct" : "items correct";
    case "choice":
      return "proportion of choices";
    case "amount":
      return "amount given (of the endowment)";
    case "assay":
      return "concentration (assay units)";
    case "physio":
      return "physiological index units";
  }
}

/** Describes a measure of one of `paradigms`; undefined when none takes it. */
export function describeMeasure(
  paradigms: Iterable<Paradigm>,
  id: string,
): MeasureDescription | undefined {
  for (const p of paradigms)
    for (const m of p.measures)
      if (m.id === id)
        return {
          id,
          paradigm: p.id,
          label: m.label,
          unit: instrumentUnit(m.instrument),
          instrument: m.instrument.kind,
          ...(m.timecourse ? { times: m.timecourse.times } : {}),
        };
  return undefined;
}
