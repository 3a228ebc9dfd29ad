/**
 * Simulating a cohort on one or more practice protocols (one arm each), as `kindsim simulate`
 * and `kindsim demo` do: protocols and population by id or file, a therapist arm for each
 * dyadic protocol, block assignment, life events by day.
 */

import type { OnDivergence } from "../engine/divergence.js";
import { InputError } from "../model/issues.js";
import type { Model } from "../model/types.js";
import { resolvePopulation, type Population } from "../sim/population.js";
import { resolveProtocol, therapistProtocol } from "../sim/protocol.js";
import { runCohort } from "../sim/runCohort.js";
import {
  blockAssignment,
  type CohortResult,
  type CohortSpec,
  type EventSchedule,
} from "../sim/simulateCohort.js";

/** What to simulate. */
export interface ProtocolCohortOptions {
  /** Protocol ids or protocol files, one arm each. */
  protocols: string[];
  /** Population id or file; default `healthy-adults`. */
  population?: string;
  /** Participants per arm. */
  n: number;
  weeks: number;
  seed: number;
  /** Record daily values every k days; default 1. */
  recordEvery?: number;
  events?: EventSchedule[];
  /** Participants whose states diverge: `"fail"` (default) throws, `"drop"` excludes and counts. */
  onDivergence?: OnDivergence;
}

/** Options of {@link simulateProtocols}. */
export interface SimulateProtocolsOptions extends ProtocolCohortOptions {
  threads?: number;
  params?: Record<string, number>;
  onProgress?: (fraction: number) => void;
}

/** A finished cohort run with what produced it. */
export interface ProtocolCohortRun {
  spec: CohortSpec;
  population: Population;
  result: CohortResult;
  seconds: number;
}

/** Builds the cohort spec (checks protocols, population and event names first). */
export function protocolCohortSpec(model: Model, o: ProtocolCohortOptions): CohortSpec {
  const population = resolvePopulation(o.population ?? "healthy-adults", model);
  const arms: CohortSpec["arms"] = [];
  for (const id of o.protocols) {
    const protocol = resolveProtocol(id.trim(), model);
    if (arms.some((a) => a.id === protocol.id))
      throw new InputError(
        `protocols: ${JSON.stringify(protocol.id)} is named twice; each protocol is one arm (use n for more participants)`,
      );
    arms.push({ id: protocol.id, protocol });
    // A dyadic protocol (CFT) brings one therapist per patient, drawn from healthy adults.
    const therapist = therapistProtocol(protocol);
    if (therapist)
      arms.push({
        id: therapist.id,
        protocol: therapist,
        population: resolvePopulation("healthy-adults", model),
      });
  }
  const known = model.coupling.events.map((e) => e.id);
  for (const ev of o.events ?? [])
    if (!known.includes(ev.event))
      throw new InputError(
        `unknown event ${JSON.stringify(ev.event)} (model ${model.id} has: ${known.join(", ") || "none"})`,
      );
  return {
    seed: o.seed,
    days: o.weeks * 7,
    population,
    arms,
    assignment: blockAssignment(arms.map(() => o.n)),
    recordEvery: o.recordEvery ?? 1,
    events: o.events ?? [],
    onDivergence: o.onDivergence,
  };
}

/** Simulates the cohort described by `o` under `model`. */
export async function simulateProtocols(
  model: Model,
  o: SimulateProtocolsOptions,
): Promise<ProtocolCohortRun> {
  const spec = protocolCohortSpec(model, o);
  const t0 = performance.now();
  const result = await runCohort(model, spec, {
    threads: o.threads,
    params: o.params,
    onProgress: o.onProgress,
  });
  return { spec, population: spec.population, result, seconds: (performance.now() - t0) / 1000 };
}
