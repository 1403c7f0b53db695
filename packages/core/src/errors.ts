// A registry-wide symbol, so `instanceof` holds across copies of this package (ESM and CJS
// builds loaded side by side, or two installed versions): each error carries its class kinds.
const KINDS = Symbol.for('@featurescope/core.error-kinds');

interface ErrorClass {
  readonly kind: string;
}

/**
 * Base class of every error featurescope itself raises. `cause` keeps the underlying error.
 * Subclasses (here and in other packages) declare a unique `static readonly kind`.
 */
export class FeatureStoreError extends Error {
  /** Identifies the class for cross-copy `instanceof`. */
  static readonly kind: string = 'FeatureStoreError';
  override readonly name: string = 'FeatureStoreError';

  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    const kinds: string[] = [];
    for (let c: unknown = new.target; typeof c === 'function' && c !== Error; c = Object.getPrototypeOf(c)) {
      kinds.push((c as unknown as ErrorClass).kind);
    }
    Object.defineProperty(this, KINDS, { value: kinds, enumerable: false });
  }

  static override [Symbol.hasInstance](value: unknown): boolean {
    if (Function.prototype[Symbol.hasInstance].call(this, value)) return true;
    const kinds = value !== null && typeof value === 'object' ? (value as Record<symbol, unknown>)[KINDS] : undefined;
    return Array.isArray(kinds) && kinds.includes((this as unknown as ErrorClass).kind);
  }
}

/** Why one input item was rejected. */
export type InputProblemCode =
  | 'INVALID_GROUP'
  | 'INVALID_ENTITY_ID'
  | 'INVALID_FEATURE_NAME'
  | 'NON_FINITE_VALUE'
  | 'INVALID_VALUE_TYPE'
  | 'INVALID_EVENT_TIME'
  | 'INVALID_COLLECTION'
  | 'INVALID_VECTOR_ID'
  | 'VECTOR_DIMENSION_MISMATCH'
  | 'NON_FINITE_VECTOR_COMPONENT'
  | 'ZERO_QUERY_VECTOR'
  | 'INVALID_TOP_K'
  | 'INVALID_METADATA'
  | 'NOT_AN_ARRAY'
  | 'VALIDATION_RULE';

/** One rejected item: where it is (`index` into the rows/records/ids, -1 for the request itself) and why. */
export interface InputProblem {
  readonly code: InputProblemCode;
  /** Index of the offending row, record or id; -1 when the request itself is malformed. */
  readonly index: number;
  /** The offending field, e.g. `rows[3].value`. */
  readonly field: string;
  readonly message: string;
}

/** How many problems one error keeps; the count of all of them is in `problemCount`. */
export const MAX_REPORTED_PROBLEMS = 100;

/**
 * Bad input, rejected before anything is written: nothing of the request reached the store.
 * `problems` names the offending rows (up to {@link MAX_REPORTED_PROBLEMS}).
 */
export class InvalidInputError extends FeatureStoreError {
  static override readonly kind: string = 'InvalidInputError';
  override readonly name: string = 'InvalidInputError';
  readonly problems: readonly InputProblem[];
  readonly problemCount: number;
  constructor(problems: readonly InputProblem[], problemCount = problems.length) {
    const first = problems.slice(0, 3).map((p) => `${p.field}: ${p.message}`).join('; ');
    const more = problemCount > 3 ? ` (and ${problemCount - 3} more)` : '';
    super(`Invalid input, nothing was written: ${first}${more}`);
    this.problems = problems;
    this.problemCount = problemCount;
  }
  /** The first problem's code, convenient for `switch`. */
  get code(): InputProblemCode {
    return this.problems[0]?.code ?? 'VALIDATION_RULE';
  }
}

/** A vector call named a collection the store was not configured with. */
export class UnknownCollectionError extends FeatureStoreError {
  static override readonly kind: string = 'UnknownCollectionError';
  override readonly name: string = 'UnknownCollectionError';
  constructor(readonly collection: string) {
    super(`Unknown vector collection "${collection}": declare it with its dimension in the store's options`);
  }
}

/** The database lacks a capability the call needs (e.g. no pgvector / no VECTOR type). Nothing was sent. */
export class StoreCapabilityError extends FeatureStoreError {
  static override readonly kind: string = 'StoreCapabilityError';
  override readonly name: string = 'StoreCapabilityError';
  constructor(
    readonly capability: 'vector',
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/**
 * An invalid option, found before anything runs (a store's, the instrumentation's, an inspector's).
 * `option` names it as the user wrote it (e.g. `columns.value`, `retry.maxAttempts`, `url`); the
 * message never holds a secret (URLs are shown without credentials).
 */
export class InvalidOptionError extends FeatureStoreError {
  static override readonly kind: string = 'InvalidOptionError';
  override readonly name: string = 'InvalidOptionError';
  constructor(
    readonly option: string,
    readonly reason: string,
    options?: { cause?: unknown },
  ) {
    super(`Invalid option ${option}: ${reason}`, options);
  }
}

/** The store was closed before the call. */
export class StoreClosedError extends FeatureStoreError {
  static override readonly kind: string = 'StoreClosedError';
  override readonly name: string = 'StoreClosedError';
  constructor() {
    super('The feature store is closed');
  }
}
