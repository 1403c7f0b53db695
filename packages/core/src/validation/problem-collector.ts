import { InvalidInputError, MAX_REPORTED_PROBLEMS, type InputProblem, type InputProblemCode } from '../errors.js';

/**
 * Gathers every problem of one request so the error names all offending rows at once.
 * Allocates nothing until the first problem: the valid path stays cheap.
 */
export class ProblemCollector {
  #problems: InputProblem[] | undefined;
  #count = 0;

  add(code: InputProblemCode, index: number, field: string, message: string): void {
    this.#count++;
    this.#problems ??= [];
    if (this.#problems.length < MAX_REPORTED_PROBLEMS) this.#problems.push({ code, index, field, message });
  }

  /** Throws {@link InvalidInputError} when anything was added. */
  throwIfAny(): void {
    if (this.#problems !== undefined) throw new InvalidInputError(this.#problems, this.#count);
  }
}

/**
 * What a rejected value was, without the value itself: entity ids and feature values must never reach
 * error messages, spans or logs. Non-finite numbers are named (`NaN`, `Infinity`): they carry no data.
 */
export function describeValue(value: unknown): string {
  if (typeof value === 'string') return value.length === 0 ? 'an empty string' : `a string of ${value.length} characters`;
  if (typeof value === 'number') return Number.isFinite(value) ? 'a number' : String(value);
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return typeof value;
}
