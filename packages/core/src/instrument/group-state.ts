import { SpanKind, type Attributes, type SpanOptions } from '@opentelemetry/api';
import {
  ATTR_DB_COLLECTION_NAME,
  ATTR_DB_OPERATION_NAME,
  ATTR_DB_SYSTEM_NAME,
  ATTR_FEATURE_NAME,
} from '../semconv.js';
import type { FeatureStoreOperation } from '../store/types.js';
import { BoundedNames, SlotCounts } from './bounded-names.js';
import { RecentNameLists } from './recent-name-lists.js';

/**
 * Everything precomputed for one feature group or vector collection: span names, attribute
 * objects per operation and per feature, and the per-feature counters the observable
 * instruments export at collection time. Built once per group, reused on every call.
 */
export class GroupState {
  readonly spanNames: Readonly<Record<FeatureStoreOperation, string>>;
  /** Metric attributes per operation (no error); also the attributes a span starts with (samplers see them). */
  readonly operationAttributes: Readonly<Record<FeatureStoreOperation, Attributes>>;
  /** Attributes of the group-level series (vectors written). */
  readonly groupAttributes: Attributes;
  readonly features: BoundedNames;
  readonly rowsWritten = new SlotCounts();
  readonly valuesRead = new SlotCounts();
  readonly lookupMisses = new SlotCounts();
  vectorsWritten = 0;
  readonly #lookupLists = new RecentNameLists();
  readonly #featureAttributes: Attributes[] = [];
  readonly #errorAttributes = new Map<string, Attributes>();
  readonly #system: string;
  readonly #spanAttributes: Partial<Record<FeatureStoreOperation, Attributes>> = {};
  readonly #spanOptions: Partial<Record<FeatureStoreOperation, SpanOptions>> = {};

  constructor(
    readonly name: string,
    system: string,
    maxFeatureNames: number,
    allowList: readonly string[] | undefined,
  ) {
    this.#system = system;
    this.features = new BoundedNames(maxFeatureNames, allowList);
    const op = (operation: FeatureStoreOperation): Attributes =>
      Object.freeze({ [ATTR_DB_SYSTEM_NAME]: system, [ATTR_DB_OPERATION_NAME]: operation, [ATTR_DB_COLLECTION_NAME]: name });
    this.spanNames = Object.freeze({
      upsert: `upsert ${name}`,
      lookup: `lookup ${name}`,
      vector_upsert: `vector_upsert ${name}`,
      vector_search: `vector_search ${name}`,
    });
    this.operationAttributes = Object.freeze({
      upsert: op('upsert'),
      lookup: op('lookup'),
      vector_upsert: op('vector_upsert'),
      vector_search: op('vector_search'),
    });
    this.groupAttributes = Object.freeze({ [ATTR_DB_SYSTEM_NAME]: system, [ATTR_DB_COLLECTION_NAME]: name });
  }

  /**
   * A span's start attributes: the operation's plus the store's server attributes (`server.address`,
   * `server.port`, `db.namespace`), merged and frozen once per operation — never per call.
   */
  spanAttributes(operation: FeatureStoreOperation, endpoint: Attributes | undefined): Attributes {
    if (endpoint === undefined) return this.operationAttributes[operation];
    return (this.#spanAttributes[operation] ??= Object.freeze({ ...this.operationAttributes[operation], ...endpoint }));
  }

  /** Feature slots of a lookup's feature list, resolved once per recently seen list (see RecentNameLists). */
  lookupSlots(features: readonly string[]): Int32Array {
    let list = this.#lookupLists.find('', features);
    if (list === undefined) {
      list = this.#lookupLists.remember('', features);
      for (let f = 0; f < features.length; f++) list.slots[f] = this.features.slotOf(features[f]!);
    }
    return list.slots;
  }

  /** A CLIENT span's start options with {@link spanAttributes}: built once per operation, not per call (the SDK only reads them). */
  spanOptions(operation: FeatureStoreOperation, endpoint: Attributes | undefined): SpanOptions {
    return (this.#spanOptions[operation] ??= Object.freeze({ kind: SpanKind.CLIENT, attributes: this.spanAttributes(operation, endpoint) }));
  }

  /** Attributes of a per-feature series; created once per admitted feature. */
  featureAttributes(slot: number): Attributes {
    let attributes = this.#featureAttributes[slot];
    if (attributes === undefined) {
      attributes = Object.freeze({
        [ATTR_DB_SYSTEM_NAME]: this.#system,
        [ATTR_DB_COLLECTION_NAME]: this.name,
        [ATTR_FEATURE_NAME]: this.features.nameOf(slot),
      });
      this.#featureAttributes[slot] = attributes;
    }
    return attributes;
  }

  /** Duration attributes for a failed call; error types are few, so they are cached (bounded). */
  errorAttributes(operation: FeatureStoreOperation, errorType: string): Attributes {
    const key = `${operation}\u0000${errorType}`;
    let attributes = this.#errorAttributes.get(key);
    if (attributes === undefined) {
      const type = this.#errorAttributes.size < 64 ? errorType : '_OTHER';
      attributes = Object.freeze({ ...this.operationAttributes[operation], 'error.type': type });
      if (this.#errorAttributes.size < 64) this.#errorAttributes.set(key, attributes);
    }
    return attributes;
  }
}
