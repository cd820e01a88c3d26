/** A one-time token (Mattermost's Token; migration 0018_tokens). */
export interface TokenRecord {
  /** The secret itself, which is also the key. */
  token: string;
  create_at: number;
  /** What it is for: 'password_recovery' ... */
  type: string;
  /** JSON about whom it is for, with at least `user_id`. */
  extra: string;
}

export interface TokenStore {
  save(token: TokenRecord): Promise<void>;
  /**
   * Deletes the token of `type` and returns it, in one statement: of concurrent takers of one token exactly one gets it.
   * `undefined` when there is no such token (never was, or already taken).
   */
  take(type: string, token: string): Promise<TokenRecord | undefined>;
  /** Deletes the tokens of `type` created before `before` (ms); says how many. */
  removeExpired(type: string, before: number): Promise<number>;
  /** Deletes the tokens of `type` whose extra names `userId` as its user_id. */
  removeForUser(type: string, userId: string): Promise<void>;
}
