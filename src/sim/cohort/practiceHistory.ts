/**
 * Prior practice of experienced practitioners, simulated through the same closed-loop rules as
 * a trial's practice: years of sessions compressed into blocks. In each block the person meets
 * the everyday social encounter and (with the daily probability) a stressor, runs a practice
 * episode of their population's content, their skills learn from what that episode exercised,
 * and their slow level steps exactly over the block. Each practitioner's hours end on day 0
 * (they practise up to the study).
 *
 * A person's history depends only on their own hours, traits and random streams (never on who
 * else is in the batch): the block length is a function of their own hours, and people are
 * simulated in groups that share a block length and content, ordered so that the people still
 * practising in a block are a prefix of the group (the kernels run on that prefix only).
 */

import type { ContentMix } from "../protocol.js";
import {
  createCohortRun,
  failOnDivergence,
  recordDayDivergences,
  SLOT,
  type CohortRun,
} from "./cohortRun.js";
import { expectedDayStep, runSlot } from "./episodeSlots.js";
import { practiceSession, restEpisode, runEverydayEpisodes } from "./everydayEpisodes.js";
import { addTrainingLoads } from "./simulateDay.js";

/** Pseudo-days of history blocks: random substreams that no simulated day uses. */
export const HISTORY_DAY = 500_000;

/**
 * Block length (days) and number of blocks of a history of `hours`: blocks of
 * `historyBlockDays`, or a whole multiple of it when that would take more than
 * `historyMaxBlocks` blocks.
 */
export function historyBlocks(
  life: CohortRun["life"],
  hours: number,
): { days: number; blocks: number } {
  if (!(hours > 0)) return { days: life.historyBlockDays, blocks: 0 };
  const span = hours / life.historyHoursPerDay;
  const unit = life.historyBlockDays;
  const days = unit * Math.max(1, Math.ceil(span / unit / life.historyMaxBlocks));
  return { days, blocks: Math.max(1, Math.round(span / days)) };
}

/**
 * Runs the prior practice of every participant of `run` with prior hours, practising the
 * content `contentOf(p)`, and writes their slow states back; a no-op when nobody has any.
 * Call after equilibration.
 */
export function practiceHistory(
  run: CohortRun,
  contentOf: (p: number) => ContentMix | undefined,
): void {
  const groups = new Map<string, { content: ContentMix; days: number; people: number[] }>();
  for (let p = 0; p < run.P; p++) {
    const content = contentOf(p);
    const { days, blocks } = historyBlocks(run.life, run.priorHours[p]);
    if (blocks === 0 || !content || run.frozen[p]) continue;
    const key = `${days}:${JSON.stringify(content)}`;
    if (!groups.has(key)) groups.set(key, { content, days, people: [] });
    groups.get(key)!.people.push(p);
  }
  for (const g of groups.values()) runGroup(run, g.content, g.days, g.people);
}

/** Simulates one group's history in a run of its own, then copies states back into `run`. */
function runGroup(run: CohortRun, content: ContentMix, days: number, people: number[]): void {
  const { cm } = run;
  const [NS, NT] = [cm.slow.length, cm.traits.length];
  const blocksOf = (p: number): number => historyBlocks(run.life, run.priorHours[p]).blocks;
  people.sort((a, b) => blocksOf(b) - blocksOf(a) || run.ids[a] - run.ids[b]);
  const ids = Uint32Array.from(people, (p) => run.ids[p]);
  const traits = new Float64Array(people.length * NT);
  const slow = new Float64Array(people.length * NS);
  people.forEach((p, q) => {
    traits.set(run.state.traits.subarray(p * NT, (p + 1) * NT), q * NT);
    slow.set(run.state.slow.subarray(p * NS, (p + 1) * NS), q * NS);
  });
  const priorHours = Float64Array.from(people, (p) => run.priorHours[p]);
  const sub = createCohortRun(cm, run.spec, ids, { traits, slow, priorHours });
  sub.phase = "practice history";
  const blocks = people.map(blocksOf);
  for (let b = 0; b < blocks[0]; b++) {
    let m = 0;
    while (m < blocks.length && blocks[m] >= blocks[0] - b) m++;
    // streams are named by blocks before day 0, the same for a person whatever the group
    historyBlock(sub, content, days, m, HISTORY_DAY + (blocks[0] - 1 - b));
  }
  sub.state.count = people.length;
  cm.person(sub.state);
  people.forEach((p, q) => {
    run.state.slow.set(sub.state.slow.subarray(q * NS, (q + 1) * NS), p * NS);
    if (sub.frozen[q]) run.frozen[p] = run.recorded[p] = 1;
  });
  for (const d of sub.divergences) run.divergences.push(d);
  failOnDivergence(run);
}

/** One block of `days` days for the first `m` participants of `sub`, all practising. */
function historyBlock(
  sub: CohortRun,
  content: ContentMix,
  days: number,
  m: number,
  pseudoDay: number,
): void {
  const { cm, state, members } = sub;
  state.count = m;
  cm.person(state);
  sub.ran.fill(0);
  sub.dayMinutes.fill(0);
  state.loads.fill(0);
  let n = 0;
  for (let q = 0; q < m; q++) if (!sub.frozen[q]) members[n++] = q;
  runEverydayEpisodes(sub, n, pseudoDay);
  for (let i = 0; i < n; i++) sub.dayMinutes[members[i]] = 60 * sub.life.historyHoursPerDay;
  runSlot(sub, SLOT.practice, n, pseudoDay, practiceSession(sub, content), sub.dayMinutes);
  if (sub.closedLoop) runSlot(sub, SLOT.rest, n, pseudoDay, restEpisode(sub), 0);
  addTrainingLoads(sub, n, content);
  if (expectedDayStep(sub, m, days) > 0) recordDayDivergences(sub);
  failOnDivergence(sub);
}
