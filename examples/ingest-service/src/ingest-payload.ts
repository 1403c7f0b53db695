import type { FeatureRow, InputProblem } from '@featurescope/core';
import { MAX_KEY_LENGTH } from '@featurescope/core';

/** One rejected field. `field` is e.g. `[3].feature_value` in a batch, `feature_value` for one object. Never the value. */
export interface FieldProblem {
  readonly field: string;
  readonly message: string;
}

export type ParsedIngest = { readonly ok: true; readonly rows: FeatureRow[] } | { readonly ok: false; readonly problems: FieldProblem[]; readonly problemCount: number };

export interface IngestLimits {
  /** Most records in one request. */
  readonly maxBatch: number;
  /** Largest accepted clock skew: event timestamps further in the future are rejected, ms. */
  readonly maxFutureSkewMs: number;
}

/** Problems reported per response; the count of all of them is in `problem_count`. */
const MAX_PROBLEMS = 20;
const FEATURE_NAME = /^[A-Za-z_][A-Za-z0-9_.:-]*$/;

/**
 * Validates an ingest body: one `{user_id, feature_name, feature_value, event_timestamp}` object or
 * an array of them. Every record is checked before anything is written, so a bad batch writes nothing.
 */
export function parseIngestBody(body: unknown, limits: IngestLimits, nowMs: number): ParsedIngest {
  const batch = Array.isArray(body);
  const records: unknown[] = batch ? (body as unknown[]) : [body];
  if (batch && records.length === 0) return fail([{ field: '(body)', message: 'the batch is empty' }]);
  if (records.length > limits.maxBatch) return fail([{ field: '(body)', message: `at most ${limits.maxBatch} records per request, got ${records.length}` }]);
  const problems: FieldProblem[] = [];
  let problemCount = 0;
  const report = (field: string, message: string): void => {
    problemCount++;
    if (problems.length < MAX_PROBLEMS) problems.push({ field, message });
  };
  const rows: FeatureRow[] = new Array<FeatureRow>(records.length);
  for (let i = 0; i < records.length; i++) {
    const at = (name: string): string => (batch ? `[${i}].${name}` : name);
    const record = records[i];
    if (record === null || typeof record !== 'object' || Array.isArray(record)) {
      report(batch ? `[${i}]` : '(body)', 'must be an object with user_id, feature_name, feature_value and event_timestamp');
      continue;
    }
    const { user_id: userId, feature_name: feature, feature_value: value, event_timestamp: timestamp } = record as Record<string, unknown>;
    if (typeof userId !== 'string' || userId === '' || userId.length > MAX_KEY_LENGTH) report(at('user_id'), `must be a string of 1 to ${MAX_KEY_LENGTH} characters`);
    if (typeof feature !== 'string' || feature.length > MAX_KEY_LENGTH || !FEATURE_NAME.test(feature)) {
      report(at('feature_name'), `must be a name of letters, digits, _ . : - (at most ${MAX_KEY_LENGTH} characters)`);
    }
    if (value !== null && (typeof value !== 'number' || !Number.isFinite(value))) report(at('feature_value'), 'must be a finite number or null');
    const eventMs = eventTimeMs(timestamp);
    if (eventMs === undefined) report(at('event_timestamp'), 'must be an ISO 8601 date-time with a time zone, or epoch milliseconds');
    else if (eventMs > nowMs + limits.maxFutureSkewMs) report(at('event_timestamp'), `is more than ${limits.maxFutureSkewMs / 1000} s in the future`);
    if (problemCount === 0) rows[i] = { entityId: userId as string, feature: feature as string, value: value as number | null, eventTime: new Date(eventMs!) };
  }
  return problemCount > 0 ? { ok: false, problems, problemCount } : { ok: true, rows };
}

/** Maps the store's / quality engine's problems (`rows[3].value`) to the API's field names (`[3].feature_value`). */
export function apiProblems(problems: readonly InputProblem[], batch: boolean): FieldProblem[] {
  const names: Record<string, string> = { entityId: 'user_id', feature: 'feature_name', value: 'feature_value', eventTime: 'event_timestamp' };
  return problems.slice(0, MAX_PROBLEMS).map((problem) => {
    const match = /^rows\[(\d+)\]\.(\w+)$/.exec(problem.field);
    if (match === null) return { field: '(body)', message: problem.message };
    const name = names[match[2]!] ?? match[2]!;
    return { field: batch ? `[${match[1]}].${name}` : name, message: problem.message };
  });
}

// ISO strings must carry a zone (Z or ±hh:mm): a zone-less time would be read in the server's zone.
const ISO_WITH_ZONE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;

function eventTimeMs(value: unknown): number | undefined {
  if (typeof value === 'number') return Number.isFinite(value) && value > 0 ? value : undefined;
  if (typeof value !== 'string' || !ISO_WITH_ZONE.test(value)) return undefined;
  const ms = Date.parse(value);
  return Number.isNaN(ms) ? undefined : ms;
}

function fail(problems: FieldProblem[]): ParsedIngest {
  return { ok: false, problems, problemCount: problems.length };
}
