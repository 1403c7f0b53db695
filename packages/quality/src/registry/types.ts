/** What a validation rule does with a violation. */
export type RulePolicy = 'record' | 'reject';

/** Value types a scalar feature can declare. `probability` is a number in [0, 1]; `boolean` is 0 or 1. */
export type FeatureValueType = 'number' | 'integer' | 'boolean' | 'probability';

/** Rules of one scalar feature (keyed by feature name in the registry; applies in every group). */
export interface ScalarFeatureSpec {
  /** @default 'scalar' */
  readonly kind?: 'scalar';
  /** @default 'number' (any finite number) */
  readonly type?: FeatureValueType;
  /** Smallest allowed value (inclusive). @default no bound */
  readonly min?: number;
  /** Largest allowed value (inclusive). @default no bound */
  readonly max?: number;
  /** Whether `null` ("known to be missing") is allowed. @default true */
  readonly nullable?: boolean;
  /** Values served by a lookup older than this (seconds since written) are counted as stale. Always `record`. @default no limit */
  readonly maxStalenessSeconds?: number;
  /** `record` counts violations; `reject` also fails the whole upsert with `InvalidInputError`. @default 'record' */
  readonly policy?: RulePolicy;
}

/** Rules of one vector collection (keyed by collection name in the registry). */
export interface VectorFeatureSpec {
  readonly kind: 'vector';
  /** Expected number of components. */
  readonly dimension: number;
  /** Whether all-zero vectors are allowed (cosine similarity is undefined for them). @default false */
  readonly allowZero?: boolean;
  /** `record` counts violations; `reject` also fails the whole vector upsert with `InvalidInputError`. @default 'record' */
  readonly policy?: RulePolicy;
}

export type FeatureSpec = ScalarFeatureSpec | VectorFeatureSpec;

/** The declarative registry: feature name (or vector collection name) → its rules. */
export type FeatureRegistry = Readonly<Record<string, FeatureSpec>>;

/** Rules a violation can be counted under (`featurescope.rule`). */
export type RuleName = 'type' | 'finite' | 'min' | 'max' | 'nullable' | 'staleness' | 'dimension' | 'non_finite' | 'zero';
