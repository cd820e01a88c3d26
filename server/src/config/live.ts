import type { ComposedConfig, ConfigDocument } from './document/compose.js';
import { CONFIG_KEYS, RESTART_KEYS } from './document/flat_bindings.js';
import type { Config } from './schema.js';

type ChangeListener = (changed: ReadonlySet<keyof Config>) => void;

/**
 * The configuration a running node uses. `flat` is one object for the life of
 * the process (services keep a reference and read it at use), updated in place
 * when the document changes; settings read only at start keep their starting
 * value until a restart, while the document already shows the saved one.
 */
export class LiveConfig {
  readonly flat: Config;
  private composed: ComposedConfig;
  private readonly listeners = new Set<ChangeListener>();

  constructor(composed: ComposedConfig) {
    this.composed = composed;
    this.flat = { ...composed.flat };
  }

  get document(): ConfigDocument {
    return this.composed.document;
  }

  /** Document paths the API cannot change (set by the config file or the environment). */
  get locked(): readonly string[] {
    return this.composed.locked;
  }

  /** Settings whose saved value waits for a restart. */
  get pendingRestart(): (keyof Config)[] {
    return CONFIG_KEYS.filter((key) => RESTART_KEYS.has(key) && JSON.stringify(this.flat[key]) !== JSON.stringify(this.composed.flat[key]));
  }

  apply(next: ComposedConfig): void {
    this.composed = next;
    const changed = new Set<keyof Config>();
    const flat = this.flat as Record<keyof Config, unknown>;
    for (const key of CONFIG_KEYS) {
      if (RESTART_KEYS.has(key) || JSON.stringify(flat[key]) === JSON.stringify(next.flat[key])) continue;
      flat[key] = next.flat[key];
      changed.add(key);
    }
    for (const listener of this.listeners) listener(changed);
  }

  onChange(listener: ChangeListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}
