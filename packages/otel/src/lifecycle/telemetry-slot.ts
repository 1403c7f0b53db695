import type { TelemetryHandle } from '../types.js';

// One slot per process, shared by the ESM and CJS builds (the register hook may load one and
// the app the other), so getTelemetry() always finds the handle register started.
const SLOT = Symbol.for('@featurescope/otel.telemetry');

type Holder = Record<symbol, TelemetryHandle | undefined>;

export function currentTelemetry(): TelemetryHandle | undefined {
  return (globalThis as unknown as Holder)[SLOT];
}

export function setCurrentTelemetry(handle: TelemetryHandle | undefined): void {
  (globalThis as unknown as Holder)[SLOT] = handle;
}
