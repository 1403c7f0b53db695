import type { FeatureStore } from '@featurescope/core';
import { deriveSeed, SeededRandom } from '@featurescope/test-utils';
import type { StoreTarget } from '../stores/store-targets.js';
import type { DriverInstrumentations } from '../variants/driver-instrumentations.js';
import type { ProfilesFactory } from '../variants/profiles-observer.js';
import type { VariantSpec } from '../variants/variants.js';
import type { TailLatencyOptions } from '../workload/tail-latency-store.js';
import { WorkloadGenerator, type WorkloadModel } from '../workload/workload-generator.js';
import { runLoad } from './load-runner.js';
import { runRepetition, type RepetitionResult } from './run-repetition.js';

/** One row of the matrix: a store, a workload, a concurrency and optional injected tail latency. */
export interface CellSpec {
  readonly target: StoreTarget;
  readonly model: WorkloadModel;
  readonly concurrency: number;
  readonly tail: TailLatencyOptions | undefined;
}

export interface CellSettings {
  readonly repetitions: number;
  readonly warmupMs: number;
  readonly durationMs: number;
  readonly seed: number;
  readonly drivers: DriverInstrumentations | undefined;
  readonly profiles: ProfilesFactory | undefined;
  readonly log: (line: string) => void;
}

/** Seeded Fisher–Yates shuffle: a different, reproducible variant order in every repetition. */
export function shuffled<T>(items: readonly T[], seed: number): T[] {
  const random = new SeededRandom(seed);
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = random.nextInt(i + 1);
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

export function cellId(cell: CellSpec): string {
  const tail = cell.tail !== undefined && cell.tail.fraction > 0 ? `/tail${cell.tail.fraction * 100}%+${cell.tail.delayMs}ms` : '';
  return `${cell.target.kind}/${cell.model.spec.name}/c${cell.concurrency}${tail}`;
}

/**
 * Runs every variant once per repetition, in a freshly shuffled order each time, so slow drift of
 * the machine (other jobs, thermal, GC state) spreads over all variants instead of biasing one.
 */
export async function runCell(cell: CellSpec, store: FeatureStore, driverClient: FeatureStore | undefined, variants: readonly VariantSpec[], settings: CellSettings): Promise<RepetitionResult[]> {
  const results: RepetitionResult[] = [];
  const id = cellId(cell);
  // Cell warm-up on the bare store: opens the pool's connections and JIT-compiles the driver and
  // workload paths, so the first measured variant does not pay for them.
  const warmers = Array.from({ length: cell.concurrency }, (_, worker) => new WorkloadGenerator(cell.model, deriveSeed(settings.seed, 0xfeed, worker)));
  await runLoad(store, warmers, Math.max(1000, settings.warmupMs * 3));
  if (driverClient !== undefined) await runLoad(driverClient, warmers, Math.max(500, settings.warmupMs));
  for (let repetition = 0; repetition < settings.repetitions; repetition++) {
    const order = shuffled(variants, deriveSeed(settings.seed, repetition, 0x5eed));
    for (const [position, variant] of order.entries()) {
      const result = await runRepetition({
        target: cell.target,
        store,
        driverClient,
        variant,
        model: cell.model,
        concurrency: cell.concurrency,
        warmupMs: settings.warmupMs,
        durationMs: settings.durationMs,
        seed: settings.seed,
        repetition,
        position,
        tail: cell.tail,
        drivers: settings.drivers,
        profiles: settings.profiles,
      });
      results.push(result);
      const flag = result.telemetry.problems.length > 0 || result.errors > 0 ? '  ✗ ' + [...result.telemetry.problems, result.firstError ?? ''].filter(Boolean).join('; ') : '';
      settings.log(
        `  ${id} rep ${repetition + 1}/${settings.repetitions} ${variant.id.padEnd(21)} ${result.throughput.toFixed(0).padStart(8)} ops/s  cpu ${result.cpuUsPerCall.toFixed(1).padStart(6)} µs/call  p99 ${result.p99Us.toFixed(0)} µs${flag}`,
      );
    }
  }
  return results;
}
