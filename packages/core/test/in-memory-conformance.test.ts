import { CONFORMANCE_COLLECTION, describeFeatureStoreConformance } from '@featurescope/test-utils';
import { InMemoryFeatureStore } from '../src/index.js';

describeFeatureStoreConformance('in-memory reference store', {
  create: () => Promise.resolve(new InMemoryFeatureStore({ collections: [CONFORMANCE_COLLECTION] })),
  vectors: 'supported',
});
