/**
 * `node --import @featurescope/otel/register --import @featurescope/example-service-kit/register-http app.js`
 *
 * Registers the upstream `node:http` server instrumentation after featurescope's SDK started (its
 * meter is taken from the global provider at construction). Server spans and the
 * `http.server.request.duration` histogram carry the route template, never the raw path: paths
 * of these services hold entity ids. Outgoing requests are not instrumented (the services make none).
 */
import { createRequire } from 'node:module';
import { registerInstrumentations } from '@opentelemetry/instrumentation';
import { HttpInstrumentation } from '@opentelemetry/instrumentation-http';
import { routeTemplateOf } from './route-templates.js';

registerInstrumentations({
  instrumentations: [
    new HttpInstrumentation({
      disableOutgoingRequestInstrumentation: true,
      ignoreIncomingRequestHook: (request) => request.url === '/healthz',
      // Attributes returned here replace the ones the instrumentation derived (url.path included).
      startIncomingSpanHook: (request) => ({ 'url.path': routeTemplateOf(request.url), 'http.route': routeTemplateOf(request.url) }),
    }),
  ],
});

// The instrumentation patches `http.Server.prototype` when `http` is next required; an ESM
// `import 'node:http'` never passes that hook, so require it once here.
createRequire(import.meta.url)('node:http');
