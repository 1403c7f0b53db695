/**
 * What a store package can do, declared next to its code so docs/stores.md is generated from it
 * (and a test fails when the page and the declarations differ).
 */

/** The capabilities compared across stores, in table order. */
export const CAPABILITY_NAMES = ['upsert', 'lookup', 'vectors', 'retries', 'deadlines', 'poolMetrics', 'driverSpans', 'monitor'] as const;
export type CapabilityName = (typeof CAPABILITY_NAMES)[number];

/** Column headings of docs/stores.md. */
export const CAPABILITY_TITLES: Readonly<Record<CapabilityName, string>> = Object.freeze({
  upsert: 'upsert',
  lookup: 'lookup',
  vectors: 'vectors',
  retries: 'retries',
  deadlines: 'deadlines',
  poolMetrics: 'pool metrics',
  driverSpans: 'driver-span nesting',
  monitor: 'monitor support',
});

/** `yes`, `no`, or `partial` (depends on the server or has a stated limit). */
export type CapabilityLevel = 'yes' | 'no' | 'partial';

export interface Capability {
  readonly level: CapabilityLevel;
  /** One short line: how, or why not. */
  readonly note: string;
}

/** One store package's row. */
export interface StoreCapabilities {
  /** The store as people call it, e.g. `Redis (ioredis)`. */
  readonly store: string;
  /** The npm package, e.g. `@featurescope/redis`. */
  readonly packageName: string;
  readonly capabilities: Readonly<Record<CapabilityName, Capability>>;
}

const MARK: Readonly<Record<CapabilityLevel, string>> = Object.freeze({ yes: '✅', no: '—', partial: '◐' });

/** The markdown table of docs/stores.md: one row per store, each cell the level mark and its note. */
export function renderCapabilityTable(stores: readonly StoreCapabilities[]): string {
  const cell = (text: string): string => text.replace(/\|/g, '\\|');
  const header = `| store | ${CAPABILITY_NAMES.map((name) => CAPABILITY_TITLES[name]).join(' | ')} |`;
  const rule = `|---|${CAPABILITY_NAMES.map(() => '---').join('|')}|`;
  const rows = stores.map(
    (s) => `| ${cell(s.store)} (\`${s.packageName}\`) | ${CAPABILITY_NAMES.map((name) => `${MARK[s.capabilities[name].level]} ${cell(s.capabilities[name].note)}`).join(' | ')} |`,
  );
  return [header, rule, ...rows].join('\n');
}

/** Checks a declaration is complete (every capability, a known level, a note) and freezes it. */
export function defineCapabilities(declaration: StoreCapabilities): StoreCapabilities {
  for (const name of CAPABILITY_NAMES) {
    const entry = declaration.capabilities[name];
    if (entry === undefined || !(entry.level in MARK) || typeof entry.note !== 'string' || entry.note === '') {
      throw new TypeError(`${declaration.packageName}: capability "${name}" needs a level (yes, no, partial) and a note`);
    }
  }
  const capabilities = Object.fromEntries(CAPABILITY_NAMES.map((name) => [name, Object.freeze({ ...declaration.capabilities[name] })]));
  return Object.freeze({ ...declaration, capabilities: Object.freeze(capabilities) as StoreCapabilities['capabilities'] });
}

/** The reference store's row: everything in process, nothing to retry or time out. */
export const IN_MEMORY_CAPABILITIES: StoreCapabilities = defineCapabilities({
  store: 'In-memory (reference)',
  packageName: '@featurescope/core',
  capabilities: {
    upsert: { level: 'yes', note: 'atomic per batch, in process' },
    lookup: { level: 'yes', note: 'in process' },
    vectors: { level: 'yes', note: 'exact cosine scan' },
    retries: { level: 'no', note: 'nothing transient to retry' },
    deadlines: { level: 'no', note: 'synchronous underneath' },
    poolMetrics: { level: 'no', note: 'no connections' },
    driverSpans: { level: 'no', note: 'no driver' },
    monitor: { level: 'no', note: 'the monitor reads SQL tables' },
  },
});
