import { CONFORMANCE_COLLECTION, describeFeatureStoreConformance } from '@featurescope/test-utils';
import { createReadyStore } from './helpers.js';

// The default target: in-memory PGlite with pgvector. Every create() is a fresh database.
describeFeatureStoreConformance('postgres (PGlite in memory)', {
  create: () => createReadyStore({ collections: [CONFORMANCE_COLLECTION] }),
  vectors: 'supported',
  timeoutMs: 60_000,
});
