import { GCProfiler, getHeapStatistics } from 'node:v8';

/** What one measured window cost the whole process. */
export interface ResourceUsage {
  readonly wallMs: number;
  /** User + system CPU, microseconds. */
  readonly cpuUs: number;
  /**
   * Bytes allocated on the V8 heap, estimated as the net growth of the used heap plus what every
   * GC in the window freed (each GC's before − after). Includes allocations of background work
   * in the window (span export, metric collection), which belong to the instrumentation's cost.
   */
  readonly allocatedBytes: number;
  readonly gcCount: number;
  /** Time spent in GC pauses, milliseconds. */
  readonly gcPauseMs: number;
}

/** Measures CPU, allocations and GC of the process around `body`. */
export async function measureResources(body: () => Promise<void>): Promise<ResourceUsage> {
  const profiler = new GCProfiler();
  const usedBefore = getHeapStatistics().used_heap_size;
  profiler.start();
  const cpuBefore = process.cpuUsage();
  const started = performance.now();
  await body();
  const wallMs = performance.now() - started;
  const cpu = process.cpuUsage(cpuBefore);
  const usedAfter = getHeapStatistics().used_heap_size;
  const result = profiler.stop();
  let freed = 0;
  let pauseUs = 0;
  const statistics = result?.statistics ?? [];
  for (const gc of statistics) {
    freed += Math.max(0, gc.beforeGC.heapStatistics.usedHeapSize - gc.afterGC.heapStatistics.usedHeapSize);
    pauseUs += gc.cost;
  }
  return {
    wallMs,
    cpuUs: cpu.user + cpu.system,
    allocatedBytes: Math.max(0, usedAfter - usedBefore + freed),
    gcCount: statistics.length,
    gcPauseMs: pauseUs / 1000,
  };
}

/** Runs a full GC when the process was started with --expose-gc, so windows start from a similar heap. */
export function collectGarbage(): boolean {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (gc === undefined) return false;
  gc();
  return true;
}
