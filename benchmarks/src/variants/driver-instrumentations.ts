import type { MeterProvider, TracerProvider } from '@opentelemetry/api';
import { MySQL2Instrumentation } from '@opentelemetry/instrumentation-mysql2';
import { PgInstrumentation } from '@opentelemetry/instrumentation-pg';
import type { DriverKind } from '../stores/store-targets.js';

interface Toggleable {
  enable(): void;
  disable(): void;
  setTracerProvider(provider: TracerProvider): void;
  setMeterProvider(provider: MeterProvider): void;
}

/**
 * The upstream driver instrumentations, registered once at start-up, before any driver module
 * loads (their require hooks must see mysql2 / pg being loaded), then disabled. A variant that
 * measures them enables the one it needs with that repetition's SDK and disables it afterwards:
 * `disable()` unwraps the patched driver methods, so other variants run the original driver code.
 * The require hooks stay installed, but they only act when a module is loaded, not per call.
 */
export class DriverInstrumentations {
  readonly #byKind: ReadonlyMap<DriverKind, Toggleable>;
  #active: Toggleable | undefined;

  private constructor(byKind: ReadonlyMap<DriverKind, Toggleable>) {
    this.#byKind = byKind;
  }

  /** Must run before `mysql2` or `pg` is first imported. */
  static register(kinds: ReadonlySet<DriverKind>): DriverInstrumentations {
    const byKind = new Map<DriverKind, Toggleable>();
    // Constructed enabled so their require hooks install now; disabled right after.
    if (kinds.has('mysql2')) byKind.set('mysql2', new MySQL2Instrumentation());
    if (kinds.has('pg')) byKind.set('pg', new PgInstrumentation());
    for (const instrumentation of byKind.values()) instrumentation.disable();
    return new DriverInstrumentations(byKind);
  }

  /** Enables one driver's instrumentation, exporting to the given providers. */
  activate(kind: DriverKind, tracerProvider: TracerProvider, meterProvider: MeterProvider): void {
    this.deactivate();
    const instrumentation = this.#byKind.get(kind);
    if (instrumentation === undefined) throw new Error(`driver instrumentation ${kind} was not registered at start-up`);
    instrumentation.setTracerProvider(tracerProvider);
    instrumentation.setMeterProvider(meterProvider);
    instrumentation.enable();
    this.#active = instrumentation;
  }

  deactivate(): void {
    this.#active?.disable();
    this.#active = undefined;
  }
}
