import type { RuleName, RulePolicy } from './types.js';

/** Every rule name, in the order of the per-feature violation counters. */
export const RULE_NAMES: readonly RuleName[] = ['type', 'finite', 'min', 'max', 'nullable', 'staleness', 'dimension', 'non_finite', 'zero'];

export const RULE_TYPE = 0;
export const RULE_FINITE = 1;
export const RULE_MIN = 2;
export const RULE_MAX = 3;
export const RULE_NULLABLE = 4;
export const RULE_STALENESS = 5;
export const RULE_DIMENSION = 6;
export const RULE_NON_FINITE = 7;
export const RULE_ZERO = 8;

/** What each rule says when violated (no values: they go into messages as bounds only). */
export const RULE_MESSAGES: readonly string[] = [
  'has the wrong type',
  'must be finite',
  'is below the minimum',
  'is above the maximum',
  'must not be null',
  'is older than maxStalenessSeconds',
  'has the wrong dimension',
  'has a non-finite component',
  'is a zero vector',
];

/** A scalar feature's rules, flattened to plain fields so checking a value is a few comparisons. */
export interface CompiledScalarRule {
  readonly kind: 'scalar';
  readonly name: string;
  readonly policy: RulePolicy;
  readonly integer: boolean;
  readonly boolean: boolean;
  /** Inclusive bounds; ±Infinity when absent. */
  readonly min: number;
  readonly max: number;
  readonly nullable: boolean;
  /** ms; Infinity when absent. */
  readonly maxStalenessMs: number;
  /** Human-readable type for messages. */
  readonly typeLabel: string;
}

export interface CompiledVectorRule {
  readonly kind: 'vector';
  readonly name: string;
  readonly policy: RulePolicy;
  readonly dimension: number;
  readonly allowZero: boolean;
}

/** The first rule a value violates, or -1. Values only: staleness is checked on lookup. */
export function violatedRule(rule: CompiledScalarRule, value: number | null): number {
  if (value === null) return rule.nullable ? -1 : RULE_NULLABLE;
  if (typeof value !== 'number') return RULE_TYPE;
  if (value - value !== 0) return RULE_FINITE; // NaN or ±Infinity, without a call
  if (rule.integer && !Number.isInteger(value)) return RULE_TYPE;
  if (rule.boolean && value !== 0 && value !== 1) return RULE_TYPE;
  if (value < rule.min) return RULE_MIN;
  if (value > rule.max) return RULE_MAX;
  return -1;
}

/** Message naming the rule and its bound (never the offending value, which may be sensitive). */
export function describeViolation(rule: CompiledScalarRule, ruleIndex: number): string {
  switch (ruleIndex) {
    case RULE_TYPE:
      return `violates rule "type": must be ${rule.typeLabel}`;
    case RULE_MIN:
      return `violates rule "min": must be >= ${rule.min}`;
    case RULE_MAX:
      return `violates rule "max": must be <= ${rule.max}`;
    default:
      return `violates rule "${RULE_NAMES[ruleIndex]}": ${RULE_MESSAGES[ruleIndex]}`;
  }
}
