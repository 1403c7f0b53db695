import { CONFORMANCE_COLLECTION, describeFeatureStoreConformance } from '../../test-utils/src/index.js'; // by path: test-utils depends on core
import { InMemoryFeatureStore } from '../src/index.js';

describeFeatureStoreConformance('in-memory reference store', {
  create: () => Promise.resolve(new InMemoryFeatureStore({ collections: [CONFORMANCE_COLLECTION] })),
  vectors: 'supported',
});
