import { diag } from '@opentelemetry/api';
import { ProblemCollector, type UpsertRequest } from '@featurescope/core';
import type { FeatureState } from '../profile/feature-state.js';
import type { FeatureTable } from '../profile/feature-table.js';
import { RULE_FINITE, describeViolation, violatedRule, type CompiledScalarRule } from '../registry/compiled-rules.js';

/**
 * Applies the registry's rules to the rows about to be written: counts violations per feature and,
 * for `reject` rules, throws `InvalidInputError` naming every offending row (never its value).
 * Any other failure is logged and leaves the upsert unaffected.
 */
export function checkUpsertRules(
  request: UpsertRequest,
  rules: ReadonlyMap<string, CompiledScalarRule>,
  table: FeatureTable<FeatureState>,
  onNonFinite: (state: FeatureState) => void,
): void {
  const rows: unknown = request?.rows;
  const group = request?.group;
  if (!Array.isArray(rows) || typeof group !== 'string') return; // core's validation reports these
  let problems: ProblemCollector | undefined;
  try {
    for (let i = 0; i < rows.length; i++) {
      const row = rows[i] as { feature?: unknown; value?: unknown } | null | undefined;
      const feature = row?.feature;
      if (typeof feature !== 'string') continue;
      const rule = rules.get(feature);
      if (rule === undefined) continue;
      const violated = violatedRule(rule, row!.value as number | null);
      if (violated < 0) continue;
      const state = table.entry(table.slotOf(group, feature));
      state.countViolation(violated, 1);
      // Core rejects non-finite values on upsert; this is the one place they can still be seen.
      if (violated === RULE_FINITE) onNonFinite(state);
      if (rule.policy === 'reject') {
        (problems ??= new ProblemCollector()).add('VALIDATION_RULE', i, `rows[${i}].value`, `feature "${feature}" ${describeViolation(rule, violated)}`);
      }
    }
  } catch (error) {
    diag.warn('featurescope/quality: checking rules failed; the upsert is unaffected', error);
    return;
  }
  problems?.throwIfAny();
}
