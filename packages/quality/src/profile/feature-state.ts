import type { Attributes } from '@opentelemetry/api';
import type { CompiledScalarRule } from '../registry/compiled-rules.js';
import { RULE_NAMES } from '../registry/compiled-rules.js';
import { ATTR_DB_COLLECTION_NAME, ATTR_FEATURE_NAME, ATTR_POLICY, ATTR_RULE } from '../semconv.js';
import type { FeatureProfile, ProfileSource } from './feature-profile.js';

/**
 * Everything kept for one admitted (group, feature) pair, or for the `_other` overflow slot:
 * its attributes (built once), its rule, one profile per source, the last write time and the
 * rule-violation counters. Profiles and counters are created on first use.
 */
export class FeatureState {
  readonly attributes: Attributes;
  upsert: FeatureProfile | undefined;
  lookup: FeatureProfile | undefined;
  /** Last successful write, ms since the epoch; NaN before the first. */
  lastWriteMs = Number.NaN;
  /** Violations by rule index (see RULE_NAMES), cumulative. */
  violations: Float64Array | undefined;
  #violationAttributes: Attributes[] | undefined;

  constructor(
    readonly slot: number,
    readonly group: string,
    readonly feature: string,
    readonly rule: CompiledScalarRule | undefined,
  ) {
    this.attributes = Object.freeze({ [ATTR_DB_COLLECTION_NAME]: group, [ATTR_FEATURE_NAME]: feature });
  }

  profile(source: ProfileSource): FeatureProfile | undefined {
    return source === 'upsert' ? this.upsert : this.lookup;
  }

  countViolation(rule: number, amount: number): void {
    (this.violations ??= new Float64Array(RULE_NAMES.length))[rule]! += amount;
  }

  /** Attributes of the violation series of one rule (built on first export). */
  violationAttributes(rule: number): Attributes {
    const all = (this.#violationAttributes ??= []);
    return (all[rule] ??= Object.freeze({
      ...this.attributes,
      [ATTR_RULE]: RULE_NAMES[rule]!,
      // Staleness is checked on lookup, after the fact: it can only be recorded.
      [ATTR_POLICY]: RULE_NAMES[rule] === 'staleness' ? 'record' : (this.rule?.policy ?? 'record'),
    }));
  }
}
