import { TelemetryConfigError } from '../errors.js';

/** Prefix of every line this package prints, so operators can grep for it. */
export const LOG_PREFIX = '[@featurescope/otel]';

/** One unusable `OTEL_*` value and what happens instead. */
export interface ConfigProblem {
  readonly variable: string;
  readonly value: string;
  /** Accepted values, in words. */
  readonly accepted: string;
  /** What is used instead, in words (e.g. `the default, prometheus`). */
  readonly fallback: string;
}

/** Receives each problem once; decides between warning and throwing. */
export type ProblemSink = (problem: ConfigProblem) => void;

/**
 * Strict: throw a {@link TelemetryConfigError} for the first problem. Otherwise print one line per
 * variable (never two for the same variable, even if two signals read it) and carry on.
 */
export function createProblemSink(strict: boolean, warn: (line: string) => void = console.warn): ProblemSink {
  const reported = new Set<string>();
  return (problem) => {
    if (strict) throw new TelemetryConfigError(problem.variable, problem.value, problem.accepted);
    if (reported.has(problem.variable)) return;
    reported.add(problem.variable);
    warn(`${LOG_PREFIX} ${problem.variable}=${JSON.stringify(problem.value)} is not valid (accepted: ${problem.accepted}); using ${problem.fallback}.`);
  };
}
