/**
 * A bounded map whose entries expire: the shape of every per-node cache in the
 * app (sessions, channel and team members, posting contexts). The bus keeps
 * those caches exact; expiry bounds the damage of an event that was missed,
 * and when the map is full the entry stored longest ago goes.
 */
export class ExpiringMap<K, V> {
  private readonly entries = new Map<K, { value: V; until: number }>();
  private deletions = 0;

  constructor(private readonly maxEntries: number, private readonly ttlMs: number) {}

  /** The live value, or undefined (an expired entry is dropped). */
  get(key: K): V | undefined {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    if (entry.until <= Date.now()) {
      this.entries.delete(key);
      return undefined;
    }
    return entry.value;
  }

  set(key: K, value: V): void {
    this.entries.delete(key);
    if (this.entries.size >= this.maxEntries) {
      const oldest = this.entries.keys().next().value;
      if (oldest !== undefined) this.entries.delete(oldest);
    }
    this.entries.set(key, { value, until: Date.now() + this.ttlMs });
  }

  delete(key: K): void {
    this.deletions++;
    this.entries.delete(key);
  }

  deleteWhere(test: (value: V) => boolean): void {
    this.deletions++;
    for (const [key, entry] of this.entries) if (test(entry.value)) this.entries.delete(key);
  }

  /** Read before loading a value from the store, for `setUnlessDeletedSince` once it has come. */
  get version(): number {
    return this.deletions;
  }

  /**
   * Stores a value loaded since `version` was read, unless a deletion (an invalidation) came meanwhile: the load may
   * have read the state from before the change, so it is used once but not kept.
   */
  setUnlessDeletedSince(version: number, key: K, value: V): void {
    if (version === this.deletions) this.set(key, value);
  }

  /** Every stored value, expired ones included, for updating them in place. */
  *values(): Generator<V> {
    for (const entry of this.entries.values()) yield entry.value;
  }
}
