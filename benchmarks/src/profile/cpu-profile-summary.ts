/** The parts of a V8 `.cpuprofile` (what `node --cpu-prof` writes) this summary reads. */
export interface CpuProfile {
  readonly nodes: readonly {
    readonly id: number;
    readonly callFrame: { readonly functionName: string; readonly url: string; readonly lineNumber: number };
    readonly children?: readonly number[];
  }[];
  readonly samples: readonly number[];
  readonly timeDeltas: readonly number[];
}

/** Which package a script URL belongs to (`@featurescope/core`, `@opentelemetry/sdk-trace-base`, `node:internal`…). */
export function packageOf(url: string): string {
  if (url === '') return '(native / VM)';
  if (url.startsWith('node:')) return url.startsWith('node:internal/async_hooks') || url.includes('async_local_storage') || url.includes('async_context_frame') ? 'node: async context' : 'node: other';
  const modules = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (modules !== null) return modules[1]!;
  const workspace = /\/(packages|benchmarks)\/([^/]+)\//.exec(url);
  if (workspace !== null) return workspace[1] === 'benchmarks' ? 'benchmarks (harness)' : `@featurescope/${workspace[2]}`;
  return url;
}

/**
 * Self time per function and per package, as shares of all samples: e.g. which part of the traced
 * lookup is SDK span work, context propagation, GC, or featurescope's own code.
 */
export function summarizeCpuProfile(profile: CpuProfile, top = 40): string {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const self = new Map<number, number>();
  let total = 0;
  for (let i = 0; i < profile.samples.length; i++) {
    const dt = profile.timeDeltas[i] ?? 0;
    self.set(profile.samples[i]!, (self.get(profile.samples[i]!) ?? 0) + dt);
    total += dt;
  }
  const byFunction = new Map<string, number>();
  const byPackage = new Map<string, number>();
  for (const [id, time] of self) {
    const frame = byId.get(id)!.callFrame;
    const pkg = packageOf(frame.url);
    const file = frame.url.split('/').slice(-1)[0] ?? '';
    const key = `${frame.functionName || '(anonymous)'}  ${pkg}${file ? ` ${file}:${frame.lineNumber + 1}` : ''}`;
    byFunction.set(key, (byFunction.get(key) ?? 0) + time);
    byPackage.set(pkg, (byPackage.get(pkg) ?? 0) + time);
  }
  const pct = (t: number): string => `${((100 * t) / total).toFixed(1).padStart(5)} %`;
  const sorted = (m: Map<string, number>): [string, number][] => [...m].sort((a, b) => b[1] - a[1]);
  return [
    `samples: ${profile.samples.length}, ${(total / 1000).toFixed(0)} ms`,
    '',
    'self time by package:',
    ...sorted(byPackage).map(([k, t]) => `  ${pct(t)}  ${k}`),
    '',
    `self time by function (top ${top}):`,
    ...sorted(byFunction).slice(0, top).map(([k, t]) => `  ${pct(t)}  ${k}`),
  ].join('\n');
}
