#!/usr/bin/env node
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FeatureStore } from '@featurescope/core';
import { parseArgs, USAGE, type BenchOptions } from './args.js';
import { runMicroBenchmark, type MicroResult } from './micro/hot-path.js';
import { loadAlternateCore } from './micro/micro-variants.js';
import { runOnNodeLine, type NodeLineResult } from './run/node-lines.js';
import { summarizeCell } from './report/analyze.js';
import { machineInfo } from './report/machine.js';
import type { BenchReport } from './report/markdown.js';
import { evaluateTargets, type CellSummary } from './report/targets.js';
import { writeReport } from './report/write-report.js';
import { cellId, runCell, type CellSpec } from './run/run-cell.js';
import { collectGarbage } from './run/resource-meter.js';
import { STORE_TARGETS, type DriverKind } from './stores/store-targets.js';
import { DriverInstrumentations } from './variants/driver-instrumentations.js';
import { loadProfilesFactory, type ProfilesFactory } from './variants/profiles-observer.js';
import { variantsFor } from './variants/variants.js';
import { WorkloadModel } from './workload/workload-generator.js';
import { seedStore } from './workload/seed-store.js';
import { validateWorkload, WORKLOADS, type WorkloadSpec } from './workload/workload-spec.js';

const log = (line: string): void => void process.stdout.write(line + '\n');

function workloadsOf(options: BenchOptions): WorkloadSpec[] {
  return options.workloads.map((name) => validateWorkload(options.zipf === undefined ? WORKLOADS[name]! : { ...WORKLOADS[name]!, zipfExponent: options.zipf }));
}

async function runMatrix(options: BenchOptions, drivers: DriverInstrumentations, profiles: ProfilesFactory | undefined, pending: string[]): Promise<CellSummary[]> {
  const cells: CellSummary[] = [];
  const workloads = workloadsOf(options);
  for (const kind of options.stores) {
    const target = STORE_TARGETS[kind];
    const vectorDimension = workloads[0]!.vectorDimension;
    let store: FeatureStore;
    const stores: FeatureStore[] = [];
    try {
      store = await target.open({ vectorDimension });
    } catch (error) {
      pending.push(`store ${kind}: ${error instanceof Error ? error.message : String(error)}`);
      log(`store ${kind}: skipped — ${pending[pending.length - 1]}`);
      continue;
    }
    try {
      const seedModel = new WorkloadModel(workloads[0]!, { vectors: target.vectors && workloads.some((w) => w.vectorRatio > 0) });
      const seeding = performance.now();
      await seedStore(store, seedModel, options.seed);
      log(`store ${kind}: ${target.description}; seeded ${seedModel.entityIds.length} entities × ${seedModel.featureNames.length} features in ${((performance.now() - seeding) / 1000).toFixed(1)} s`);
      const variants = variantsFor(target).filter((v) => !v.quality || profiles !== undefined);
      const missingProfiles = variantsFor(target).filter((v) => v.quality && profiles === undefined).map((v) => v.id);
      // Opened after the driver instrumentations registered their require hooks (in main).
      const driverClient = await target.openDriverClient?.();
      stores.push(...(driverClient === undefined ? [] : [driverClient]));
      const specs: CellSpec[] = [];
      for (const workload of workloads) {
        const model = new WorkloadModel(workload, { vectors: target.vectors });
        for (const concurrency of options.concurrency) specs.push({ target, model, concurrency, tail: undefined });
        if (options.tailFraction > 0) {
          specs.push({ target, model, concurrency: Math.max(...options.concurrency), tail: { fraction: options.tailFraction, delayMs: options.tailMs } });
        }
      }
      for (const spec of specs) {
        if (spec.tail !== undefined && spec.model.spec.name !== 'lookup10') continue;
        const results = await runCell(spec, store, driverClient, variants, { ...options, drivers, profiles, log });
        cells.push({
          id: cellId(spec),
          node: process.version,
          store: kind,
          workload: spec.model.spec.name,
          concurrency: spec.concurrency,
          tailFraction: spec.tail?.fraction ?? 0,
          variants: summarizeCell(variants, results),
          pending: missingProfiles.map((variant) => ({ variant, reason: '@featurescope/quality is not built yet' })),
        });
        collectGarbage();
      }
    } finally {
      for (const opened of [store, ...stores]) await opened.close();
    }
  }
  return cells;
}

async function main(): Promise<number> {
  const parsed = parseArgs(process.argv.slice(2));
  if (parsed === 'help') {
    log(USAGE);
    return 0;
  }
  const options = parsed;
  const startedAt = new Date().toISOString();
  const machine = machineInfo();
  log(`featurescope benchmarks — profile ${options.profile}; ${machine.cpuModel} × ${machine.cores}, Node ${machine.node}, load ${machine.loadAverageAtStart}`);
  if (!collectGarbage()) log('note: run with node --expose-gc (npm run bench does) so each window starts after a full GC');
  // Driver instrumentations must hook module loading before any store imports mysql2 or pg.
  const driverKinds = new Set(options.stores.map((s) => STORE_TARGETS[s].driver).filter((d): d is DriverKind => d !== undefined));
  const drivers = DriverInstrumentations.register(driverKinds);
  const pending: string[] = [];
  const loaded = await loadProfilesFactory();
  const profiles = typeof loaded === 'string' ? undefined : loaded;
  if (typeof loaded === 'string') pending.push(`data-quality profiles variants (fs+profiles, fs+profiles+upstream, micro sdk+profiles): ${loaded}`);

  let micro: MicroResult[] = [];
  if (options.micro) {
    log('hot-path micro-benchmark (in-memory store):');
    const before = options.coreBefore === undefined ? undefined : resolve(options.coreBefore);
    if (before !== undefined) await loadAlternateCore(before); // fails here, with the reason, when the build is not there
    micro = await runMicroBenchmark({ repetitions: options.microRepetitions, scale: options.microScale, seed: options.seed, quality: profiles !== undefined, log, cases: options.microCases, only: options.microVariants, before });
  }
  const cells = options.macro ? await runMatrix(options, drivers, profiles, pending) : [];
  if (options.childJson !== undefined) {
    writeFileSync(options.childJson, JSON.stringify({ cells, micro, pending } satisfies NodeLineResult, (_key, value: unknown) => (typeof value === 'number' && !Number.isFinite(value) ? null : value)));
    return 0;
  }
  const nodes = [process.version];
  for (const line of options.nodeLines) {
    if (line === Number(process.versions.node.split('.')[0])) continue;
    const other = runOnNodeLine(line, process.argv.slice(2), log);
    if (typeof other === 'string') {
      pending.push(`Node ${line}: ${other}`);
      continue;
    }
    nodes.push(other.node);
    cells.push(...other.result.cells);
    micro.push(...other.result.micro);
    pending.push(...other.result.pending.map((p) => `Node ${other.node}: ${p}`));
  }
  const report: BenchReport = {
    startedAt,
    finishedAt: new Date().toISOString(),
    profile: options.profile,
    settings: {
      stores: options.stores,
      workloads: workloadsOf(options),
      concurrency: options.concurrency,
      durationS: options.durationMs / 1000,
      warmupS: options.warmupMs / 1000,
      repetitions: options.repetitions,
      seed: options.seed,
      tailFraction: options.tailFraction,
      tailMs: options.tailMs,
      microRepetitions: options.microRepetitions,
      microScale: options.microScale,
    },
    machine,
    nodes,
    targets: evaluateTargets(cells, micro),
    cells,
    micro,
    pending,
  };
  const outDir = options.outDir ?? fileURLToPath(new URL('../results', import.meta.url));
  const written = writeReport(report, outDir);
  log('');
  for (const t of report.targets) log(`goal ${t.node}: ${t.status.toUpperCase().padEnd(12)} ${t.target}: ${t.measured} (margin ${t.margin}${t.conclusive || t.status === 'not measured' ? '' : ', not conclusive'})`);
  for (const p of pending) log(`pending: ${p}`);
  log(`wrote ${written.filter((p) => !p.includes('/runs/')).join(', ')}`);
  return 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(1);
  },
);
