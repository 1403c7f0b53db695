/**
 * Side-effect entry point: `node --import @featurescope/otel/register app.js` (ESM) or
 * `node --require @featurescope/otel/register app.js` / `require('@featurescope/otel/register')`.
 * Starts telemetry from the `OTEL_*` variables before the app loads its drivers, so the driver
 * instrumentations' require hooks see them. It never stops the app: a failure is one line on stderr.
 */
import { LOG_PREFIX } from './config/problems.js';
import { startTelemetry } from './start-telemetry.js';

try {
  const telemetry = startTelemetry();
  // Exporter timers are unref'd, so a short-lived app would exit with its last spans and
  // metrics unsent; flush (bounded) once when the event loop empties.
  process.once('beforeExit', () => {
    void telemetry.shutdown();
  });
} catch (error) {
  console.warn(`${LOG_PREFIX} telemetry not started: ${error instanceof Error ? error.message : String(error)}`);
}
