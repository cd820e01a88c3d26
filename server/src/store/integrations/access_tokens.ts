/** A personal access token as stored: `token` is the SHA-256 (hex) of the secret, which is shown once. */
export interface AccessTokenRecord {
  id: string;
  token: string;
  user_id: string;
  description: string;
  is_active: boolean;
}

export interface AccessTokenStore {
  create(token: AccessTokenRecord): Promise<void>;
  get(id: string): Promise<AccessTokenRecord | undefined>;
  getByTokenHash(hash: string): Promise<AccessTokenRecord | undefined>;
  listForUser(userId: string, offset: number, limit: number): Promise<AccessTokenRecord[]>;
  listAll(offset: number, limit: number): Promise<AccessTokenRecord[]>;
  /** Tokens whose id or user id, or whose user's username, starts with `term`. */
  search(term: string, limit: number): Promise<AccessTokenRecord[]>;
  setActive(id: string, active: boolean): Promise<void>;
  remove(id: string): Promise<void>;
  /** The active tokens of users who are not bots (EnableUserAccessTokens governs only theirs). */
  listActiveOfHumans(): Promise<Pick<AccessTokenRecord, 'id' | 'user_id'>[]>;
}
