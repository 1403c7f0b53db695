/**
 * Admits (group, feature) pairs to their own slot, at most `maxFeatures` of them; everything
 * else shares slot 0, the overflow series (`_other`). Registered features always have room:
 * one slot per registered name is held back from unregistered names. Refused names are not
 * remembered, so a flood of random names costs a map miss each and no memory.
 *
 * Core's `BoundedNames` caps one flat namespace per group; the engine caps (group, feature)
 * pairs across all groups and reserves room for the registry, hence this small variant.
 */
export class FeatureTable<T> {
  readonly #groups = new Map<string, Map<string, number>>();
  readonly #entries: T[] = [];
  readonly #maxFeatures: number;
  readonly #allowList: ReadonlySet<string> | undefined;
  readonly #registered: ReadonlySet<string>;
  readonly #registeredSeen = new Set<string>();
  readonly #create: (slot: number, group: string, feature: string) => T;

  /**
   * @param overflow the entry of slot 0
   * @param create builds the entry of a newly admitted pair (called once per pair)
   */
  constructor(
    maxFeatures: number,
    allowList: ReadonlySet<string> | undefined,
    registered: ReadonlySet<string>,
    overflow: T,
    create: (slot: number, group: string, feature: string) => T,
  ) {
    this.#maxFeatures = maxFeatures;
    this.#allowList = allowList;
    this.#registered = registered;
    this.#entries.push(overflow);
    this.#create = create;
  }

  /** The features of one group (for a call's loop), or undefined when none was admitted yet. */
  group(group: string): Map<string, number> | undefined {
    return this.#groups.get(group);
  }

  /** Slot of a pair, admitting it when allowed and there is room; 0 (overflow) otherwise. */
  slotOf(group: string, feature: string, features = this.#groups.get(group)): number {
    const slot = features?.get(feature);
    if (slot !== undefined) return slot;
    return this.#admit(group, feature);
  }

  entry(slot: number): T {
    return this.#entries[slot]!;
  }

  /** Entries in slot order, overflow (slot 0) first. */
  get entries(): readonly T[] {
    return this.#entries;
  }

  /** Admitted pairs, the overflow slot not included. */
  get admitted(): number {
    return this.#entries.length - 1;
  }

  /** Slot of an already admitted pair, without admitting. */
  find(group: string, feature: string): number | undefined {
    return this.#groups.get(group)?.get(feature);
  }

  #admit(group: string, feature: string): number {
    const registered = this.#registered.has(feature);
    if (!registered && this.#allowList !== undefined && !this.#allowList.has(feature)) return 0;
    const reserved = this.#registered.size - this.#registeredSeen.size;
    const limit = registered ? this.#maxFeatures : this.#maxFeatures - reserved;
    if (this.admitted >= limit) return 0;
    if (registered) this.#registeredSeen.add(feature);
    let features = this.#groups.get(group);
    if (features === undefined) this.#groups.set(group, (features = new Map<string, number>()));
    const slot = this.#entries.length;
    features.set(feature, slot);
    this.#entries.push(this.#create(slot, group, feature));
    return slot;
  }
}
