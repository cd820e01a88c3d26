/** The stored config document: what administrators changed through the API, as JSON text. */
export interface StoredConfiguration {
  id: string;
  value: string;
  create_at: number;
}

export interface ConfigurationStore {
  /** The active document, if one was ever saved. */
  active(): Promise<StoredConfiguration | undefined>;
  /** Makes `configuration` the active document; the previous ones stay as history, the oldest beyond `keep` are dropped. */
  save(configuration: StoredConfiguration, keep: number): Promise<void>;
}
