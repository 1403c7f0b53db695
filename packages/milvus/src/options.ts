import type { InstrumentFeatureStoreOptions } from '@featurescope/core';

/** Options of {@link instrumentMilvusClient}: core's instrumentation options plus how to read Milvus rows. */
export interface InstrumentMilvusOptions extends Omit<InstrumentFeatureStoreOptions, 'systemName'> {
  /** The primary-key field of written rows, used as the vector id the quality engine sees. @default 'id' */
  readonly idField?: string;
  /** The vector field of written rows. @default the first field of the first row holding a number array */
  readonly vectorField?: string;
  /**
   * Collection → metric type (`COSINE`, `L2`, `IP`), put on spans when a search does not name one
   * itself (it then uses the index's). @default {}
   */
  readonly metricTypes?: Readonly<Record<string, string>>;
}
