import { ProblemCollector, type InputProblemCode } from '@featurescope/core';

// PostgreSQL text and jsonb cannot hold U+0000; core's validators accept it, so this store checks
// for it itself, turning what would be a driver error into a typed InvalidInputError.
const NUL = '\u0000';

/** Adds a problem when `value` contains U+0000. Cheap: one `includes` per string. */
export function checkNoNul(problems: ProblemCollector | undefined, value: string, code: InputProblemCode, index: number, field: string): ProblemCollector | undefined {
  if (!value.includes(NUL)) return problems;
  const collector = problems ?? new ProblemCollector();
  collector.add(code, index, field, 'must not contain the NUL character (U+0000): PostgreSQL text cannot store it');
  return collector;
}
