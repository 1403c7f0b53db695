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

/** Short, safe rendering of a rejected value for messages (never the whole payload). */
export function describeValue(value: unknown): string {
  if (typeof value === 'string') return value.length > 40 ? `"${value.slice(0, 40)}…"` : JSON.stringify(value);
  if (typeof value === 'number') return String(value);
  if (value === null) return 'null';
  return typeof value;
}
