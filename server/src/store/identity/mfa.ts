/** A user's TOTP secret; `last_step` is the time step of the last code accepted (0: none yet). */
export interface MfaSecretRecord {
  user_id: string;
  secret: string;
  last_step: number;
  create_at: number;
}

export interface MfaStore {
  get(userId: string): Promise<MfaSecretRecord | undefined>;
  /** Stores a newly generated secret, replacing any earlier one (with its used steps). */
  put(record: MfaSecretRecord): Promise<void>;
  /**
   * Records that the code of time step `step` was used, atomically, unless that step or a later one already was:
   * false then, so a code (or an older one still in the window) works once, on any node.
   */
  claimStep(userId: string, step: number): Promise<boolean>;
  remove(userId: string): Promise<void>;
}
