import { QualityConfigError } from '../errors.js';
import type { CompiledScalarRule, CompiledVectorRule } from './compiled-rules.js';
import type { FeatureRegistry, FeatureValueType, RulePolicy, ScalarFeatureSpec, VectorFeatureSpec } from './types.js';

/** The registry split by kind, every entry checked and flattened. */
export interface CompiledRegistry {
  readonly scalars: ReadonlyMap<string, CompiledScalarRule>;
  readonly vectors: ReadonlyMap<string, CompiledVectorRule>;
}

const TYPES: readonly FeatureValueType[] = ['number', 'integer', 'boolean', 'probability'];
const SCALAR_KEYS = new Set(['kind', 'type', 'min', 'max', 'nullable', 'maxStalenessSeconds', 'policy']);
const VECTOR_KEYS = new Set(['kind', 'dimension', 'allowZero', 'policy']);

/** Validates the registry (throwing {@link QualityConfigError} naming the bad entry) and compiles it. */
export function compileRegistry(registry: FeatureRegistry | undefined): CompiledRegistry {
  const scalars = new Map<string, CompiledScalarRule>();
  const vectors = new Map<string, CompiledVectorRule>();
  if (registry === undefined) return { scalars, vectors };
  if (registry === null || typeof registry !== 'object' || Array.isArray(registry)) {
    throw new QualityConfigError('options', 'features', 'must be an object mapping feature names to rules');
  }
  for (const [name, spec] of Object.entries(registry)) {
    if (name.length === 0) throw new QualityConfigError('features', '""', 'feature names must be non-empty');
    if (spec === null || typeof spec !== 'object' || Array.isArray(spec)) {
      throw new QualityConfigError(`features.${name}`, '(entry)', 'must be an object of rules');
    }
    if (spec.kind === 'vector') vectors.set(name, compileVector(name, spec));
    else if (spec.kind === undefined || spec.kind === 'scalar') scalars.set(name, compileScalar(name, spec));
    else throw new QualityConfigError(`features.${name}`, 'kind', `must be 'scalar' or 'vector', got ${JSON.stringify(spec.kind)}`);
  }
  return { scalars, vectors };
}

function compileScalar(name: string, spec: ScalarFeatureSpec): CompiledScalarRule {
  const entry = `features.${name}`;
  rejectUnknownKeys(entry, spec, SCALAR_KEYS);
  const type = spec.type ?? 'number';
  if (!TYPES.includes(type)) throw new QualityConfigError(entry, 'type', `must be one of ${TYPES.join(', ')}, got ${JSON.stringify(type)}`);
  const min = optionalFinite(entry, 'min', spec.min) ?? Number.NEGATIVE_INFINITY;
  const max = optionalFinite(entry, 'max', spec.max) ?? Number.POSITIVE_INFINITY;
  if (min > max) throw new QualityConfigError(entry, 'min', `must not exceed max (${min} > ${max})`);
  const staleness = optionalFinite(entry, 'maxStalenessSeconds', spec.maxStalenessSeconds);
  if (staleness !== undefined && staleness <= 0) throw new QualityConfigError(entry, 'maxStalenessSeconds', 'must be a positive number of seconds');
  if (spec.nullable !== undefined && typeof spec.nullable !== 'boolean') throw new QualityConfigError(entry, 'nullable', 'must be a boolean');
  const probability = type === 'probability';
  return Object.freeze({
    kind: 'scalar',
    name,
    policy: policyOf(entry, spec.policy),
    integer: type === 'integer' || type === 'boolean',
    boolean: type === 'boolean',
    min: probability ? Math.max(min, 0) : min,
    max: probability ? Math.min(max, 1) : max,
    nullable: spec.nullable ?? true,
    maxStalenessMs: staleness === undefined ? Number.POSITIVE_INFINITY : staleness * 1000,
    typeLabel: { number: 'a finite number', integer: 'an integer', boolean: '0 or 1', probability: 'a probability in [0, 1]' }[type],
  });
}

function compileVector(name: string, spec: VectorFeatureSpec): CompiledVectorRule {
  const entry = `features.${name}`;
  rejectUnknownKeys(entry, spec, VECTOR_KEYS);
  if (!Number.isInteger(spec.dimension) || spec.dimension < 1) {
    throw new QualityConfigError(entry, 'dimension', `must be a positive integer, got ${String(spec.dimension)}`);
  }
  if (spec.allowZero !== undefined && typeof spec.allowZero !== 'boolean') throw new QualityConfigError(entry, 'allowZero', 'must be a boolean');
  return Object.freeze({ kind: 'vector', name, policy: policyOf(entry, spec.policy), dimension: spec.dimension, allowZero: spec.allowZero ?? false });
}

function policyOf(entry: string, policy: unknown): RulePolicy {
  if (policy === undefined) return 'record';
  if (policy === 'record' || policy === 'reject') return policy;
  throw new QualityConfigError(entry, 'policy', `must be 'record' or 'reject', got ${JSON.stringify(policy)}`);
}

function optionalFinite(entry: string, field: string, value: unknown): number | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'number' || !Number.isFinite(value)) throw new QualityConfigError(entry, field, `must be a finite number, got ${JSON.stringify(value) ?? typeof value}`);
  return value;
}

// A typo such as `maxStaleness` would otherwise silently disable a rule.
function rejectUnknownKeys(entry: string, spec: object, known: ReadonlySet<string>): void {
  for (const key of Object.keys(spec)) {
    if (!known.has(key)) throw new QualityConfigError(entry, key, `is not a known rule (known: ${[...known].join(', ')})`);
  }
}
