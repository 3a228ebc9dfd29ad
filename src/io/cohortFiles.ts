/** The tidy files of a cohort run (`kindsim simulate --out`): daily.csv and participants.csv. */

import type { Model } from "../model/types.js";
import type { CohortResult, CohortSpec } from "../sim/simulateCohort.js";
import { cohortDictionaries, dictionariesCsv } from "../study/dataDictionary.js";
import { csvField, csvLines, csvNumber } from "./csvFormat.js";
import type { OutputFile } from "./outputFolder.js";

/** One row per participant, recorded day and variable (streamed: it can be very large). */
function* dailyRows(r: CohortResult, armIds: string[]): Generator<(string | number)[]> {
  const NV = r.variables.length;
  for (let p = 0; p < r.ids.length; p++) {
    const arm = csvField(armIds[r.arm[p]]);
    for (let d = 0; d < r.days.length; d++) {
      const b = (p * r.days.length + d) * NV;
      for (let v = 0; v < NV; v++)
        yield [r.ids[p], arm, r.days[d], r.variables[v], csvNumber(r.daily[b + v])];
    }
  }
}

/** One row per participant: arm, practice, traits and final slow states. */
function* participantRows(
  r: CohortResult,
  armIds: string[],
  NT: number,
  NS: number,
): Generator<(string | number)[]> {
  for (let p = 0; p < r.ids.length; p++)
    yield [
      r.ids[p],
      csvField(armIds[r.arm[p]]),
      csvNumber(r.adherence[p]),
      csvNumber(r.minutes[p]),
      csvNumber(r.practiceDays[p]),
      csvNumber(r.priorHours[p]),
      ...Array.from(r.traits.subarray(p * NT, (p + 1) * NT), csvNumber),
      ...Array.from(r.slow.subarray(p * NS, (p + 1) * NS), csvNumber),
    ];
}

/** The tidy output files of a cohort run (add a manifest with `manifestFile`). */
export function cohortFiles(r: CohortResult, spec: CohortSpec, model: Model): OutputFile[] {
  const armIds = spec.arms.map((a) => a.id);
  const traitIds = model.nodes.filter((n) => n.level === "trait").map((n) => n.id);
  const slowIds = model.nodes.filter((n) => n.level === "slow").map((n) => n.id);
  const participantsHeader = [
    "participant",
    "arm",
    "adherence",
    "programme_minutes",
    "practice_days",
    "prior_hours",
    ...traitIds,
    ...slowIds.map((s) => `final_${s}`),
  ];
  return [
    {
      name: "daily.csv",
      content: csvLines({
        header: ["participant", "arm", "day", "variable", "value"],
        rows: dailyRows(r, armIds),
      }),
    },
    {
      name: "participants.csv",
      content: csvLines({
        header: participantsHeader,
        rows: participantRows(r, armIds, traitIds.length, slowIds.length),
      }),
    },
    {
      name: "dictionary.csv",
      content: dictionariesCsv(cohortDictionaries(model, r.variables)),
    },
  ];
}
