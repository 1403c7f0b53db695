import { diag, type Attributes } from '@opentelemetry/api';
import { ATTR_DB_NAMESPACE, ATTR_SERVER_ADDRESS, ATTR_SERVER_PORT } from '../semconv.js';
import type { FeatureStore, StoreEndpoint } from '../store/types.js';

/** The span attributes of the store's `endpoint`, or undefined when it has none (or a broken getter). */
export function endpointAttributes(store: FeatureStore): Attributes | undefined {
  let endpoint: StoreEndpoint | undefined;
  try {
    endpoint = store.endpoint;
  } catch (error) {
    diag.warn('featurescope: reading the store endpoint failed; spans carry no server attributes', error);
    return undefined;
  }
  if (endpoint === null || typeof endpoint !== 'object') return undefined;
  const attributes: Attributes = {};
  if (typeof endpoint.address === 'string' && endpoint.address !== '') attributes[ATTR_SERVER_ADDRESS] = endpoint.address;
  if (typeof endpoint.port === 'number' && Number.isInteger(endpoint.port)) attributes[ATTR_SERVER_PORT] = endpoint.port;
  if (typeof endpoint.namespace === 'string' && endpoint.namespace !== '') attributes[ATTR_DB_NAMESPACE] = endpoint.namespace;
  return Object.keys(attributes).length === 0 ? undefined : Object.freeze(attributes);
}
