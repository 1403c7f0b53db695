import { MAX_TOP_K, type LookupRequest, type UpsertRequest, type VectorSearchRequest, type VectorUpsertRequest } from '../store/types.js';
import { MAX_KEY_LENGTH } from '../table/feature-table-layout.js';
import { ProblemCollector, describeValue } from './problem-collector.js';

const isName = (v: unknown): v is string => typeof v === 'string' && v.length > 0;

/**
 * Why a key string (entity id, feature name, vector id, group) cannot be stored exactly, or
 * undefined when it can. Keys are compared byte for byte by every store, so a lone UTF-16 surrogate
 * (which UTF-8 drivers replace by U+FFFD, merging distinct ids) and a key longer than the SQL key
 * columns are rejected before anything is written. The message never quotes the value.
 */
function keyProblem(value: unknown): string | undefined {
  if (!isName(value)) return `must be a non-empty string, got ${describeValue(value)}`;
  // .length counts UTF-16 units ≥ code points: only long strings need the exact count.
  if (value.length > MAX_KEY_LENGTH && codePoints(value) > MAX_KEY_LENGTH) return `must be at most ${MAX_KEY_LENGTH} characters, got ${codePoints(value)}`;
  if (LONE_SURROGATE.test(value)) return 'must be well-formed Unicode (it holds a lone UTF-16 surrogate)';
  return undefined;
}

// In a `u` regex paired surrogates are one code point, so \p{Cs} matches only lone ones.
const LONE_SURROGATE = /\p{Cs}/u;

function codePoints(value: string): number {
  let count = 0;
  for (let i = 0; i < value.length; i++, count++) {
    const unit = value.charCodeAt(i);
    if (unit >= 0xd800 && unit <= 0xdbff && i + 1 < value.length) {
      const next = value.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) i++;
    }
  }
  return count;
}

function checkName(problems: ProblemCollector, value: unknown, code: 'INVALID_GROUP' | 'INVALID_COLLECTION', field: string): void {
  const problem = keyProblem(value);
  if (problem !== undefined) problems.add(code, -1, field, problem);
}

/**
 * Checks an upsert batch and throws {@link InvalidInputError} naming every offending row.
 * Stores call it before writing, so a rejected batch writes nothing.
 */
export function validateUpsertRequest(request: UpsertRequest): void {
  const problems = new ProblemCollector();
  checkName(problems, request?.group, 'INVALID_GROUP', 'group');
  const rows: unknown = request?.rows;
  if (!Array.isArray(rows)) {
    problems.add('NOT_AN_ARRAY', -1, 'rows', 'must be an array of rows');
    problems.throwIfAny();
    return;
  }
  for (let i = 0; i < rows.length; i++) {
    const row = rows[i] as Record<string, unknown> | null | undefined;
    if (row === null || typeof row !== 'object') {
      problems.add('INVALID_VALUE_TYPE', i, `rows[${i}]`, 'must be an object');
      continue;
    }
    const entityProblem = keyProblem(row.entityId);
    if (entityProblem !== undefined) problems.add('INVALID_ENTITY_ID', i, `rows[${i}].entityId`, entityProblem);
    const featureProblem = keyProblem(row.feature);
    if (featureProblem !== undefined) problems.add('INVALID_FEATURE_NAME', i, `rows[${i}].feature`, featureProblem);
    const value = row.value;
    if (typeof value === 'number') {
      if (!Number.isFinite(value)) problems.add('NON_FINITE_VALUE', i, `rows[${i}].value`, `must be finite, got ${value}`);
    } else if (value !== null) {
      problems.add('INVALID_VALUE_TYPE', i, `rows[${i}].value`, `must be a number or null, got ${describeValue(value)}`);
    }
    const eventTime = row.eventTime;
    if (eventTime !== undefined && !(eventTime instanceof Date && Number.isFinite(eventTime.getTime()))) {
      problems.add('INVALID_EVENT_TIME', i, `rows[${i}].eventTime`, 'must be a valid Date when given');
    }
  }
  problems.throwIfAny();
}

/** Checks a lookup request (group, entity ids, feature names). */
export function validateLookupRequest(request: LookupRequest): void {
  const problems = new ProblemCollector();
  checkName(problems, request?.group, 'INVALID_GROUP', 'group');
  checkNameList(problems, request?.entityIds, 'entityIds', 'INVALID_ENTITY_ID');
  checkNameList(problems, request?.features, 'features', 'INVALID_FEATURE_NAME');
  problems.throwIfAny();
}

function checkNameList(problems: ProblemCollector, list: unknown, field: string, code: 'INVALID_ENTITY_ID' | 'INVALID_FEATURE_NAME'): void {
  if (!Array.isArray(list)) {
    problems.add('NOT_AN_ARRAY', -1, field, 'must be an array of strings');
    return;
  }
  for (let i = 0; i < list.length; i++) {
    const problem = keyProblem(list[i]);
    if (problem !== undefined) problems.add(code, i, `${field}[${i}]`, problem);
  }
}

/**
 * Checks a vector batch against the collection's dimension: ids, lengths, finite components,
 * flat metadata. Throws {@link InvalidInputError} naming every offending record.
 */
export function validateVectorUpsertRequest(request: VectorUpsertRequest, dimension: number): void {
  const problems = new ProblemCollector();
  checkName(problems, request?.collection, 'INVALID_COLLECTION', 'collection');
  const records: unknown = request?.records;
  if (!Array.isArray(records)) {
    problems.add('NOT_AN_ARRAY', -1, 'records', 'must be an array of records');
    problems.throwIfAny();
    return;
  }
  for (let i = 0; i < records.length; i++) {
    const record = records[i] as Record<string, unknown> | null | undefined;
    if (record === null || typeof record !== 'object') {
      problems.add('INVALID_VALUE_TYPE', i, `records[${i}]`, 'must be an object');
      continue;
    }
    const idProblem = keyProblem(record.id);
    if (idProblem !== undefined) problems.add('INVALID_VECTOR_ID', i, `records[${i}].id`, idProblem);
    checkVector(problems, record.vector, dimension, i, `records[${i}].vector`);
    checkMetadata(problems, record.metadata, i);
  }
  problems.throwIfAny();
}

/** Checks a search request: collection, query vector (dimension, finite, non-zero) and topK. */
export function validateVectorSearchRequest(request: VectorSearchRequest, dimension: number): void {
  const problems = new ProblemCollector();
  checkName(problems, request?.collection, 'INVALID_COLLECTION', 'collection');
  if (checkVector(problems, request?.vector, dimension, -1, 'vector') === 0) {
    problems.add('ZERO_QUERY_VECTOR', -1, 'vector', 'has zero norm: cosine similarity is undefined');
  }
  const topK = request?.topK;
  if (!Number.isInteger(topK) || topK < 1 || topK > MAX_TOP_K) {
    problems.add('INVALID_TOP_K', -1, 'topK', `must be an integer from 1 to ${MAX_TOP_K}, got ${describeValue(topK)}`);
  }
  problems.throwIfAny();
}

/** Returns the squared norm (NaN when the vector was rejected). */
function checkVector(problems: ProblemCollector, vector: unknown, dimension: number, index: number, field: string): number {
  if (!(Array.isArray(vector) || vector instanceof Float32Array)) {
    problems.add('NOT_AN_ARRAY', index, field, 'must be an array of numbers or a Float32Array');
    return Number.NaN;
  }
  if (vector.length !== dimension) {
    problems.add('VECTOR_DIMENSION_MISMATCH', index, field, `has dimension ${vector.length}, the collection expects ${dimension}`);
    return Number.NaN;
  }
  let squaredNorm = 0;
  for (let j = 0; j < vector.length; j++) {
    const component: unknown = vector[j];
    if (typeof component !== 'number' || !Number.isFinite(component)) {
      problems.add('NON_FINITE_VECTOR_COMPONENT', index, `${field}[${j}]`, `must be a finite number, got ${describeValue(component)}`);
      return Number.NaN;
    }
    squaredNorm += component * component;
  }
  return squaredNorm;
}

function checkMetadata(problems: ProblemCollector, metadata: unknown, index: number): void {
  if (metadata === undefined) return;
  if (metadata === null || typeof metadata !== 'object' || Array.isArray(metadata)) {
    problems.add('INVALID_METADATA', index, `records[${index}].metadata`, 'must be a flat object');
    return;
  }
  for (const [key, value] of Object.entries(metadata)) {
    const t = typeof value;
    if (!(value === null || t === 'string' || t === 'boolean' || (t === 'number' && Number.isFinite(value)))) {
      problems.add('INVALID_METADATA', index, `records[${index}].metadata.${key}`, 'must be a string, finite number, boolean or null');
    }
  }
}
