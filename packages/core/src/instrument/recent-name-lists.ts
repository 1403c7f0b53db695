/** Lists remembered; serving code sends one feature list per model, and a service runs a few models. */
const CAPACITY = 4;

/** What was resolved for one name list: a slot per name and flags the caller defines. */
export interface ResolvedNameList {
  key: string;
  readonly names: string[];
  slots: Int32Array;
  flags: number;
}

/**
 * Remembers the slots resolved for the last few name lists (a lookup's feature list) under a key
 * (the group), so a serving path that sends the same list on every call pays one `===` per name
 * instead of a map lookup. Lists match by content, not array identity: a list literal rebuilt per
 * call still matches (its strings are the same constants, so `===` compares pointers), and an
 * array changed in place never gets stale slots. Valid only for slots that never change once
 * resolved (admitted names keep their slot; refused names stay refused). Allocates only while
 * its entries grow to the longest list seen.
 */
export class RecentNameLists {
  readonly #entries: ResolvedNameList[] = [];
  #next = 0;

  /** The entry resolved for exactly this key and list, or undefined. */
  find(key: string, names: readonly string[]): ResolvedNameList | undefined {
    const entries = this.#entries;
    for (let e = 0; e < entries.length; e++) {
      const entry = entries[e]!;
      if (entry.key !== key || entry.names.length !== names.length) continue;
      if (sameNames(entry.names, names)) return entry;
    }
    return undefined;
  }

  /**
   * An entry for this key and list (the oldest one reused once full) whose `slots` has room for
   * every name; the caller fills `slots` and `flags`.
   */
  remember(key: string, names: readonly string[]): ResolvedNameList {
    let entry: ResolvedNameList;
    if (this.#entries.length < CAPACITY) {
      entry = { key, names: [], slots: new Int32Array(Math.max(16, names.length)), flags: 0 };
      this.#entries.push(entry);
    } else {
      entry = this.#entries[this.#next]!;
      this.#next = (this.#next + 1) % CAPACITY;
      entry.key = key;
      if (entry.slots.length < names.length) entry.slots = new Int32Array(names.length);
    }
    entry.names.length = 0;
    for (let i = 0; i < names.length; i++) entry.names.push(names[i]!);
    entry.flags = 0;
    return entry;
  }
}

function sameNames(known: readonly string[], names: readonly string[]): boolean {
  for (let i = 0; i < names.length; i++) if (known[i] !== names[i]) return false;
  return true;
}
