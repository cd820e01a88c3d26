/**
 * A file the configuration names rather than holds (Mattermost's ConfigurationFiles: SAML certificates and keys).
 * Kept in the database so every node reads the same file.
 */
export interface ConfigurationFileRecord {
  name: string;
  data: string;
  create_at: number;
  update_at: number;
}

export interface ConfigurationFileStore {
  get(name: string): Promise<ConfigurationFileRecord | undefined>;
  /** Writes the file, replacing any of that name. */
  put(name: string, data: string, at: number): Promise<void>;
  /** Deletes the file; false when there was none. */
  remove(name: string): Promise<boolean>;
}
