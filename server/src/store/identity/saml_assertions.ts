/** A used assertion: `key` is a hash of its issuer and id; `expire_at` (ms) when it could no longer be accepted anyway. */
export interface SamlAssertionRecord {
  key: string;
  expire_at: number;
}

/** The SAML assertions already used to sign in (by a hash of issuer and assertion id), kept until they expire. */
export interface SamlAssertionStore {
  /** Records the assertion as used, atomically: false when it already was (a replay), on any node. */
  claim(key: string, expireAt: number): Promise<boolean>;
  /** Forgets assertions that expired before `now` (ms): node-saml refuses them by their age anyway. */
  removeExpired(now: number): Promise<void>;
}
