import { profileColumns } from '@featurescope/quality';
import { prepareBaselines, type PreparedBaseline } from '../baseline/baseline.js';
import { fileBaselineStore, tableBaselineStore, type BaselineStore } from '../baseline/baseline-store.js';
import { DriftBinTotals } from '../telemetry/drift-bin-totals.js';
import { errorTypeOf } from '@featurescope/core';
import { errorMessageOf } from '../checks/failure-text.js';
import { runFeatureChecks } from '../checks/run-checks.js';
import { FEATURE_NAME_PATTERN, resolveMonitorOptions, type ResolvedMonitorOptions, type StoreMonitorOptions } from '../config/options.js';
import { MonitorConfigError } from '../errors.js';
import { MonitorTelemetry } from '../telemetry/monitor-telemetry.js';
import { formatCycleLine } from './cycle-line.js';
import type { CheckError, CycleOutcome, CycleSnapshot, FeatureReport, MonitorHealth } from './report.js';

/** Options of {@link StoreMonitor.captureBaseline}. */
export interface CaptureBaselineOptions {
  /** Features to capture. @default every monitored feature */
  readonly features?: readonly string[];
  /** Window (seconds, ending now) the baseline is read from. @default the monitor's `windowSeconds` */
  readonly windowSeconds?: number;
  /** Most values read per feature (the newest; the sampling plan's cap applies too). @default 10000 */
  readonly maxValues?: number;
}

/** What a capture stored for one feature. */
export interface CapturedBaseline {
  readonly feature: string;
  /** Non-NULL values in the window. */
  readonly count: number;
  /** Finite values the artifact's CDF was built from. */
  readonly kept: number;
  readonly sampled: boolean;
}

/** A scheduled monitor of one feature table. Create it with {@link createStoreMonitor}. */
export interface StoreMonitor {
  /** The options after defaults. */
  readonly options: ResolvedMonitorOptions;
  /** Runs a cycle now and then every `intervalSeconds`; a tick while a cycle still runs is skipped and counted. */
  start(): void;
  /** Stops scheduling and waits for a running cycle to end. */
  stop(): Promise<void>;
  /** {@link stop}, then closes the source (connections the monitor opened itself). */
  close(): Promise<void>;
  /** Runs one cycle unless one is running (then resolves `{ outcome: 'skipped' }` at once). Never rejects. */
  runCycle(): Promise<CycleOutcome>;
  /** Results of the last finished cycle; undefined before the first. */
  snapshot(): CycleSnapshot | undefined;
  health(): MonitorHealth;
  /**
   * Reads each feature's window now and stores it as the quality baseline artifact (format
   * `featurescope.baseline`, built by `@featurescope/quality`), replacing the stored one.
   */
  captureBaseline(options?: CaptureBaselineOptions): Promise<CapturedBaseline[]>;
  /**
   * Calls `listener` with each finished cycle's snapshot (after it becomes `snapshot()`); returns the
   * function that removes it. A listener that throws is ignored.
   */
  subscribe(listener: (snapshot: CycleSnapshot) => void): () => void;
}

// Baselines written by another process (the CLI's `baseline capture`) show up within this time.
const BASELINE_RELOAD_MS = 300_000;

/**
 * Creates a monitor that checks freshness, volume, value statistics and drift of a feature table
 * from inside the database, on a schedule, and exports them as OpenTelemetry metrics.
 * Validates the options (throws {@link MonitorConfigError}); connects only when a cycle runs.
 */
export function createStoreMonitor(options: StoreMonitorOptions): StoreMonitor {
  return new ScheduledStoreMonitor(resolveMonitorOptions(options));
}

class ScheduledStoreMonitor implements StoreMonitor {
  readonly options: ResolvedMonitorOptions;
  readonly #telemetry: MonitorTelemetry;
  readonly #baselineStore: BaselineStore;
  readonly #binTotals: DriftBinTotals;
  #timer: NodeJS.Timeout | undefined;
  #running: Promise<CycleOutcome> | undefined;
  #cycle = 0;
  #skipped = 0;
  #snapshot: CycleSnapshot | undefined;
  #features: readonly string[] | undefined;
  #baselines = new Map<string, PreparedBaseline>();
  #baselinesLoadedAt = Number.NEGATIVE_INFINITY;
  #lastSuccessTime: number | null = null;
  #consecutiveFailures = 0;
  readonly #listeners = new Set<(snapshot: CycleSnapshot) => void>();

  constructor(options: ResolvedMonitorOptions) {
    this.options = options;
    this.#binTotals = new DriftBinTotals(options.featureTable.table.display);
    this.#telemetry = new MonitorTelemetry(options.meterProvider, options.featureTable.table.display, () => options.source.system, this.#binTotals);
    const b = options.baselines;
    this.#baselineStore = 'file' in b ? fileBaselineStore(b.file) : tableBaselineStore(options.source, b.table, options.featureTable.table.display);
    if (options.features !== undefined) this.#features = options.features.map((f) => f.name);
  }

  start(): void {
    if (this.#timer !== undefined) return;
    this.#timer = setInterval(() => void this.runCycle(), this.options.intervalSeconds * 1000);
    void this.runCycle();
  }

  async stop(): Promise<void> {
    clearInterval(this.#timer);
    this.#timer = undefined;
    await this.#running;
  }

  async close(): Promise<void> {
    await this.stop();
    await this.options.source.close();
  }

  runCycle(): Promise<CycleOutcome> {
    if (this.#running !== undefined) {
      this.#skipped++;
      this.#telemetry.cycleSkipped();
      this.options.log(`cycle ${this.#cycle + 1} skipped: cycle ${this.#cycle} is still running`);
      return Promise.resolve({ outcome: 'skipped', runningCycle: this.#cycle });
    }
    const running = this.#runCycle().finally(() => {
      this.#running = undefined;
    });
    this.#running = running;
    return running;
  }

  snapshot(): CycleSnapshot | undefined {
    return this.#snapshot;
  }

  subscribe(listener: (snapshot: CycleSnapshot) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  health(): MonitorHealth {
    const snapshot = this.#snapshot;
    return {
      status: snapshot === undefined ? 'starting' : snapshot.errors.length === 0 ? 'ok' : 'degraded',
      cycles: this.#cycle,
      skippedCycles: this.#skipped,
      lastSuccessTime: this.#lastSuccessTime,
      consecutiveFailedCycles: this.#consecutiveFailures,
      lastErrors: snapshot?.errors ?? [],
    };
  }

  async captureBaseline(capture: CaptureBaselineOptions = {}): Promise<CapturedBaseline[]> {
    const o = this.options;
    const windowSeconds = capture.windowSeconds ?? o.windowSeconds;
    if (!(windowSeconds > 0)) throw new MonitorConfigError('windowSeconds', `must be a positive number, got ${windowSeconds}`);
    const maxValues = capture.maxValues ?? 10_000;
    if (!Number.isInteger(maxValues) || maxValues < 1) throw new MonitorConfigError('maxValues', `must be a positive integer, got ${maxValues}`);
    capture.features?.forEach((name, i) => {
      if (typeof name !== 'string' || !FEATURE_NAME_PATTERN.test(name)) {
        throw new MonitorConfigError(`features[${i}]`, `must match ${String(FEATURE_NAME_PATTERN)}, got ${JSON.stringify(name)}`);
      }
    });
    await o.source.prepare(o.statementTimeoutMs);
    const features = capture.features ?? (await this.#featureList([]));
    await o.source.beginCycle(o.featureTable, o.sampling, o.statementTimeoutMs);
    const aggregates = await o.source.windowAggregates(o.featureTable, features, windowSeconds, o.statementTimeoutMs);
    const columns = new Map<string, number[]>();
    const captured: CapturedBaseline[] = [];
    const plan = { ...o.sampling, maxRows: Math.min(o.sampling.maxRows, maxValues) };
    for (const feature of features) {
      const count = aggregates.get(feature)?.values ?? 0;
      if (count === 0) continue;
      const sample = await o.source.windowSample(o.featureTable, feature, windowSeconds, plan, o.statementTimeoutMs);
      const values = Array.from(sample.values);
      columns.set(feature, values);
      captured.push({ feature, count, kept: values.filter(Number.isFinite).length, sampled: sample.sampling.sampled || values.length < count });
    }
    await this.#baselineStore.save(profileColumns(columns, o.featureTable.table.display), o.statementTimeoutMs);
    this.#baselinesLoadedAt = Number.NEGATIVE_INFINITY; // the next cycle reloads them
    return captured;
  }

  async #runCycle(): Promise<CycleOutcome> {
    const cycle = ++this.#cycle;
    const started = performance.now();
    const startedAt = new Date().toISOString();
    const errors: CheckError[] = [];
    const o = this.options;
    let features: readonly string[] = this.#features ?? [];
    let truncated = this.#snapshot?.featuresTruncated ?? false;
    let reports: ReadonlyMap<string, FeatureReport> | undefined = this.#snapshot?.features;
    try {
      await o.source.prepare(o.statementTimeoutMs);
      features = await this.#featureList(errors);
      truncated = o.features === undefined && features.length >= o.maxFeatures;
      await this.#reloadBaselines(errors);
      reports = await runFeatureChecks(o, { cycle, features, baselines: this.#baselines, binTotals: this.#binTotals, previous: this.#snapshot?.features, errors });
      this.#binTotals.retain(reports);
    } catch (error) {
      errors.push({ check: 'connect', type: errorTypeOf(error), message: errorMessageOf(error) });
    }
    const snapshot: CycleSnapshot = {
      cycle,
      system: o.source.system,
      table: o.featureTable.table.display,
      startedAt,
      durationSeconds: (performance.now() - started) / 1000,
      features: reports ?? new Map(),
      errors,
      featuresTruncated: truncated,
    };
    this.#snapshot = snapshot;
    const now = Date.now() / 1000;
    if (errors.length === 0) {
      this.#lastSuccessTime = now;
      this.#consecutiveFailures = 0;
    } else {
      this.#consecutiveFailures++;
    }
    this.#telemetry.cycleFinished(snapshot, now);
    o.log(formatCycleLine(snapshot));
    for (const listener of this.#listeners) {
      try {
        listener(snapshot);
      } catch {
        // A listener (the HTTP event stream) must never fail a cycle.
      }
    }
    return { outcome: errors.length === 0 ? 'ok' : 'error', snapshot };
  }

  /** The configured features, or discovered ones (the last known list when discovery fails). */
  async #featureList(errors: CheckError[]): Promise<readonly string[]> {
    const o = this.options;
    if (o.features !== undefined) return o.features.map((f) => f.name);
    try {
      // Names the API could not address are left out (they are not valid path segments).
      const names = (await o.source.discoverFeatures(o.featureTable, o.maxFeatures, o.statementTimeoutMs)).filter((n) => FEATURE_NAME_PATTERN.test(n));
      this.#features = names;
      return names;
    } catch (error) {
      errors.push({ check: 'discovery', type: errorTypeOf(error), message: errorMessageOf(error) });
      return this.#features ?? [];
    }
  }

  async #reloadBaselines(errors: CheckError[]): Promise<void> {
    if (Date.now() - this.#baselinesLoadedAt < BASELINE_RELOAD_MS) return;
    try {
      const document = await this.#baselineStore.load(this.options.statementTimeoutMs);
      this.#baselines = document === undefined ? new Map<string, PreparedBaseline>() : prepareBaselines(document, this.options.featureTable.table.display, this.options.drift.bins);
      this.#baselinesLoadedAt = Date.now();
    } catch (error) {
      errors.push({ check: 'baselines', type: errorTypeOf(error), message: errorMessageOf(error) });
    }
  }
}
