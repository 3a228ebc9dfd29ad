/**
 * Data dictionaries of the tidy output files: for each column its meaning and unit, and for
 * the long-format columns (`variable` of daily.csv, `measure` of data.csv and means.csv,
 * `variable` of an episode file) the label and unit of every id that occurs, read from the
 * model and paradigm data (see `describeId`, `describeMeasure`).
 *
 * Column names are the same in every file: `participant` (never `id`), `arm` (never
 * `group`), `analysis` (an analysis id, also in results.json), `day`, `wave`, snake_case
 * throughout (`programme_minutes`, `practice_days`, `prior_hours`, `dropout_day`,
 * `ci_low`/`ci_high` for the interval of a row's headline value, `s1_ci_low` for another's).
 * `kindsim simulate` and `kindsim trial` write them as `dictionary.csv` ({@link dictionariesCsv}).
 */

import type { Paradigm } from "../measure/paradigm.js";
import { describeMeasure } from "../measure/describeMeasure.js";
import { describeIdOrRaw } from "../model/describeId.js";
import type { Model } from "../model/types.js";

/** One column of a file, or one value of a long-format column (`value` set). */
export interface DictionaryEntry {
  column: string;
  /** For long-format columns: the id this entry describes (e.g. `warmth`). */
  value?: string;
  meaning: string;
  unit: string;
}

/** The dictionary of one output file. */
export interface DataDictionary {
  file: string;
  entries: DictionaryEntry[];
}

const col = (column: string, meaning: string, unit = ""): DictionaryEntry => ({
  column,
  meaning,
  unit,
});

const PARTICIPANT = col("participant", "Participant id (0 … N−1; the key of every random stream)");
const ARM = col("arm", "Arm (protocol) id the participant was assigned to");
/**
 * Programme minutes over the whole run: class contact (which includes the class's guided
 * practice), home practice and individual sessions, as the simulator trains skills on all
 * three. Not home practice alone.
 */
const PROGRAMME_MINUTES = col(
  "programme_minutes",
  "Minutes of the programme done over the whole run: class contact (including its guided practice) + home practice + individual sessions; not home practice alone",
  "minutes",
);
const PRACTICE_DAYS = col(
  "practice_days",
  "Days with any programme minutes (a class, home practice or a session)",
  "days",
);
const ADHERENCE = col(
  "adherence",
  "Person-level propensity to do each day's home practice",
  "probability, 0 to 1",
);
const PRIOR_HOURS = col(
  "prior_hours",
  "Hours of meditation practice before the study (0 for non-meditators)",
  "hours",
);

/** One entry per model id that occurs in a long-format column. */
function modelValues(model: Model, column: string, ids: readonly string[]): DictionaryEntry[] {
  return ids.map((id) => {
    const d = describeIdOrRaw(model, id);
    return { column, value: id, meaning: d.label, unit: d.scale || d.unit };
  });
}

/** One entry per trait node, as a column of a participants file. */
function traitColumns(model: Model, ids: readonly string[]): DictionaryEntry[] {
  return ids.map((id) => {
    const d = describeIdOrRaw(model, id);
    return col(id, `Trait: ${d.label}`, d.scale);
  });
}

/**
 * Dictionaries of a cohort simulation's files (`kindsim simulate`): daily.csv (long: one
 * row per participant × recorded day × variable) and participants.csv.
 * @param variables the cohort's recorded variables (`CohortResult.variables`)
 */
export function cohortDictionaries(model: Model, variables: readonly string[]): DataDictionary[] {
  const traits = model.nodes.filter((n) => n.level === "trait").map((n) => n.id);
  const slow = model.nodes.filter((n) => n.level === "slow").map((n) => n.id);
  return [
    {
      file: "daily.csv",
      entries: [
        PARTICIPANT,
        ARM,
        col(
          "day",
          "Day: 0 is the state before the first day, d the state after day d (day summaries: the summary of day d)",
          "days",
        ),
        col("variable", "Id of the recorded variable (values below)"),
        col("value", "Value of the variable on that day", "see the variable"),
        ...modelValues(model, "variable", variables),
      ],
    },
    {
      file: "participants.csv",
      entries: [
        PARTICIPANT,
        ARM,
        ADHERENCE,
        PROGRAMME_MINUTES,
        PRACTICE_DAYS,
        PRIOR_HOURS,
        ...traitColumns(model, traits),
        ...slow.map((s) => {
          const d = describeIdOrRaw(model, `final_${s}`);
          return col(`final_${s}`, d.label, d.scale);
        }),
      ],
    },
  ];
}

/**
 * Dictionaries of a virtual trial's files (`kindsim trial`): data.csv (long: participant ×
 * wave × measure × time), participants.csv, results.csv and means.csv.
 * @param measures ids of the measures that occur in data.csv
 */
export function trialDictionaries(
  model: Model,
  paradigms: Iterable<Paradigm>,
  measures: readonly string[],
): DataDictionary[] {
  const ps = [...paradigms];
  const traits = model.nodes.filter((n) => n.level === "trait").map((n) => n.id);
  const measureValues = (column: string): DictionaryEntry[] =>
    measures.map((id) => {
      const d = describeMeasure(ps, id);
      return {
        column,
        value: id,
        meaning: d ? `${d.label} (${d.paradigm})` : id,
        unit: d?.unit ?? "",
      };
    });
  const WAVE = col("wave", "Wave (measurement occasion) id");
  const DAY = col("day", "Study day of the wave (0 = start of the programme)", "days");
  const TIME = col(
    "time",
    "Minutes from the stressor for time-course measures (NA otherwise)",
    "minutes",
  );
  const CI = [
    col("ci_low", "Lower end of the 95% confidence interval", "as estimate"),
    col("ci_high", "Upper end of the 95% confidence interval", "as estimate"),
  ];
  return [
    {
      file: "data.csv",
      entries: [
        PARTICIPANT,
        ARM,
        WAVE,
        DAY,
        col("paradigm", "Paradigm (task or questionnaire battery) that took the measure"),
        col("measure", "Measure id (values below)"),
        TIME,
        col(
          "value",
          "Recorded value (NA: missing, e.g. a diary with no answered day)",
          "see the measure",
        ),
        ...measureValues("measure"),
      ],
    },
    {
      file: "participants.csv",
      entries: [
        PARTICIPANT,
        ARM,
        col("stratum", "Stratum of stratified randomisation (empty otherwise)"),
        PROGRAMME_MINUTES,
        PRACTICE_DAYS,
        ADHERENCE,
        col("dropout_day", "Study day the participant dropped out (NA: completed)", "days"),
        PRIOR_HOURS,
        ...traitColumns(model, traits),
      ],
    },
    {
      file: "results.csv",
      entries: [
        col("analysis", "Analysis id from the study file"),
        col("type", "Analysis type (compare, correlation, mediation, …)"),
        col("label", "The study's label of the analysis"),
        col(
          "metric",
          "What the estimate is: hedges_g, r, spearman_rho, raw_difference, coefficient, log_odds_ratio, indirect_effect, standardized_coefficient or mean",
        ),
        col("direction", 'Which way round the estimate is, e.g. "cbct − control"'),
        col("units", "Units of a raw estimate (NA when standardised)"),
        col(
          "estimate",
          "Headline estimate, of the row's metric and direction",
          "see metric and units",
        ),
        ...CI,
        col("p", "Two-sided p value (NA when the analysis gives none)", "probability"),
        col(
          "p_adjusted",
          "p value after the study's multiplicity correction (NA when none)",
          "probability",
        ),
        col("n", "Participants with complete data for the analysis", "participants"),
        col("error", "Why the estimate could not be computed (empty when it was)"),
      ],
    },
    {
      file: "means.csv",
      entries: [
        col("measure", "Measure id (values below)"),
        TIME,
        ARM,
        WAVE,
        DAY,
        col("n", "Participants measured", "participants"),
        col("mean", "Mean of the measure", "see the measure"),
        ...CI,
        ...measureValues("measure"),
      ],
    },
  ];
}

/**
 * Dictionary of an episode file (`kindsim episode --out`): long format, one row per
 * recorded time × output node.
 */
export function episodeDictionary(model: Model, outputs: readonly string[]): DataDictionary {
  return {
    file: "episode.csv",
    entries: [
      col("time", "Time from the start of the episode", "seconds"),
      col("variable", "Id of the fast or readout node (values below)"),
      col("value", "Activation of the node", "see the variable"),
      ...modelValues(model, "variable", outputs),
    ],
  };
}

function csvCell(s: string): string {
  return /[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** The dictionary of dictionary.csv itself (see {@link dictionariesCsv}). */
export const DICTIONARY_DICTIONARY: DataDictionary = {
  file: "dictionary.csv",
  entries: [
    col("file", "Output file the row describes"),
    col("column", "Column of that file"),
    col("value", "For long-format columns: the id of the value described (empty otherwise)"),
    col("meaning", "What the column (or value) holds"),
    col("unit", "Its unit or scale (empty when it has none)"),
  ],
};

/**
 * The dictionaries of an output folder as one CSV (`file,column,value,meaning,unit`), with
 * the rows of dictionary.csv itself last: written as `dictionary.csv` beside the files.
 */
export function dictionariesCsv(ds: readonly DataDictionary[]): string {
  const lines = ["file,column,value,meaning,unit"];
  for (const d of [...ds, DICTIONARY_DICTIONARY])
    for (const e of d.entries)
      lines.push([d.file, e.column, e.value ?? "", e.meaning, e.unit].map(csvCell).join(","));
  return lines.join("\n") + "\n";
}

/** A dictionary as CSV text (`column,value,meaning,unit`), e.g. to write beside its file. */
export function dictionaryCsv(d: DataDictionary): string {
  const lines = ["column,value,meaning,unit"];
  for (const e of d.entries)
    lines.push([e.column, e.value ?? "", e.meaning, e.unit].map(csvCell).join(","));
  return lines.join("\n") + "\n";
}
