import { CONFORMANCE_COLLECTION, describeFeatureStoreConformance } from '../../test-utils/src/index.js'; // by path: test-utils depends on core
import { IN_MEMORY_CAPABILITIES, InMemoryFeatureStore } from '../src/index.js';

describeFeatureStoreConformance('in-memory reference store', {
  create: () => Promise.resolve(new InMemoryFeatureStore({ collections: [CONFORMANCE_COLLECTION] })),
  // The suite checks what docs/stores.md claims (IN_MEMORY_CAPABILITIES).
  vectors: IN_MEMORY_CAPABILITIES.capabilities.vectors.level === 'yes' ? 'supported' : 'unsupported',
});
