import { ZIPF_EXPONENT_RANGE } from '../random/zipf.js';

/** The shape of the traffic one benchmark cell sends to a store. */
export interface WorkloadSpec {
  /** Short name used in reports, e.g. `lookup10`. */
  readonly name: string;
  /** Distinct entities seeded into the store and drawn from. @default 5000 */
  readonly entities: number;
  /** Zipf exponent of entity popularity, 0.5 (mild) to 1.2 (very hot head). @default 0.99 */
  readonly zipfExponent: number;
  /** Fraction of feature operations that are lookups; the rest are upserts. @default 1 */
  readonly readRatio: number;
  /** Fraction of all operations that are vector operations (ignored by stores without vectors). @default 0 */
  readonly vectorRatio: number;
  /** Fraction of vector operations that are vector upserts; the rest are searches. @default 0.1 */
  readonly vectorWriteRatio: number;
  /** Rows per upsert call. @default 20 */
  readonly upsertBatchRows: number;
  /** Entities per lookup call. @default 1 */
  readonly entitiesPerLookup: number;
  /** Features per lookup call. @default 10 */
  readonly featuresPerLookup: number;
  /** Features in the group (lookups read a fixed model feature list out of these). @default 16 */
  readonly featureCount: number;
  /** Vector dimension. @default 64 */
  readonly vectorDimension: number;
  /** Vectors seeded into the collection. @default 2000 */
  readonly vectorCount: number;
  /** Neighbours per vector search. @default 10 */
  readonly topK: number;
}

/** The defaults: a 10-feature lookup of one Zipf-hot entity (the README targets' workload). */
export const DEFAULT_WORKLOAD: WorkloadSpec = Object.freeze({
  name: 'lookup10',
  entities: 5000,
  zipfExponent: 0.99,
  readRatio: 1,
  vectorRatio: 0,
  vectorWriteRatio: 0.1,
  upsertBatchRows: 20,
  entitiesPerLookup: 1,
  featuresPerLookup: 10,
  featureCount: 16,
  vectorDimension: 64,
  vectorCount: 2000,
  topK: 10,
});

/** Named workloads the CLI knows. */
export const WORKLOADS: Readonly<Record<string, WorkloadSpec>> = Object.freeze({
  lookup10: DEFAULT_WORKLOAD,
  mixed: Object.freeze({ ...DEFAULT_WORKLOAD, name: 'mixed', readRatio: 0.8, upsertBatchRows: 20, entitiesPerLookup: 4, vectorRatio: 0.1 }),
  upsert100: Object.freeze({ ...DEFAULT_WORKLOAD, name: 'upsert100', readRatio: 0, upsertBatchRows: 100 }),
  vector: Object.freeze({ ...DEFAULT_WORKLOAD, name: 'vector', vectorRatio: 1, vectorWriteRatio: 0.1, vectorDimension: 64, topK: 10 }),
});

const fraction = (value: number): boolean => value >= 0 && value <= 1;
const positive = (value: number): boolean => Number.isInteger(value) && value >= 1;

/** Fails fast on an inconsistent spec, naming every bad field. */
export function validateWorkload(spec: WorkloadSpec): WorkloadSpec {
  const problems: string[] = [];
  if (!(spec.zipfExponent >= ZIPF_EXPONENT_RANGE.min && spec.zipfExponent <= ZIPF_EXPONENT_RANGE.max)) problems.push(`zipfExponent ${spec.zipfExponent} outside [0.5, 1.2]`);
  for (const key of ['readRatio', 'vectorRatio', 'vectorWriteRatio'] as const) if (!fraction(spec[key])) problems.push(`${key} ${spec[key]} outside [0, 1]`);
  for (const key of ['entities', 'upsertBatchRows', 'entitiesPerLookup', 'featuresPerLookup', 'featureCount', 'vectorDimension', 'vectorCount', 'topK'] as const) {
    if (!positive(spec[key])) problems.push(`${key} must be a positive integer, got ${spec[key]}`);
  }
  if (spec.featuresPerLookup > spec.featureCount) problems.push(`featuresPerLookup ${spec.featuresPerLookup} exceeds featureCount ${spec.featureCount}`);
  if (problems.length > 0) throw new RangeError(`workload ${spec.name}: ${problems.join('; ')}`);
  return spec;
}

/** Group and collection names the benchmark owns in every store (unique to avoid clashing with tests). */
export const BENCH_GROUP = 'fsbench_users';
export const BENCH_COLLECTION = 'fsbench_embeddings';
