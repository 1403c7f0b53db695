import { OVERFLOW_FEATURE_NAME } from '../semconv.js';

/**
 * Maps names (features, groups) to small integer slots, at most `limit` of them, so per-name
 * series stay bounded. Slot 0 is the overflow slot (`_other`): names past the limit or off the
 * allow-list land there. Refused names are not remembered, so random names cannot grow memory.
 */
export class BoundedNames {
  readonly #slots = new Map<string, number>();
  readonly #names: string[] = [OVERFLOW_FEATURE_NAME];
  readonly #limit: number;
  readonly #allowList: ReadonlySet<string> | undefined;

  constructor(limit: number, allowList?: Iterable<string>) {
    this.#limit = limit;
    this.#allowList = allowList === undefined ? undefined : new Set(allowList);
  }

  /** The name's slot, admitting it when there is room; 0 (overflow) otherwise. */
  slotOf(name: string): number {
    const slot = this.#slots.get(name);
    if (slot !== undefined) return slot;
    if (this.#names.length > this.#limit) return 0;
    if (this.#allowList !== undefined && !this.#allowList.has(name)) return 0;
    const admitted = this.#names.length;
    this.#names.push(name);
    this.#slots.set(name, admitted);
    return admitted;
  }

  /** Name of a slot (`_other` for 0). */
  nameOf(slot: number): string {
    return this.#names[slot] ?? OVERFLOW_FEATURE_NAME;
  }

  /** Number of slots in use, the overflow slot included. */
  get size(): number {
    return this.#names.length;
  }
}

/** A per-slot counter array that grows with the slots; increments allocate nothing. */
export class SlotCounts {
  #values = new Float64Array(16);

  add(slot: number, amount: number): void {
    if (slot >= this.#values.length) this.#grow(slot);
    this.#values[slot]! += amount;
  }

  get(slot: number): number {
    return this.#values[slot] ?? 0;
  }

  #grow(slot: number): void {
    let length = this.#values.length * 2;
    while (length <= slot) length *= 2;
    const grown = new Float64Array(length);
    grown.set(this.#values);
    this.#values = grown;
  }
}
