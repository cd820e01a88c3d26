import { createHash, timingSafeEqual } from 'node:crypto';

/** The one method accepted: `plain` would show the verifier to whoever sees the authorization request. */
export const PKCE_METHOD = 'S256';

/** RFC 7636 §4.1: 43 to 128 unreserved characters (the challenge, base64url of a SHA-256, is 43 of them). */
const PKCE_VALUE = /^[A-Za-z0-9._~-]{43,128}$/;

export const isPkceValue = (value: string): boolean => PKCE_VALUE.test(value);

/** The S256 challenge of a verifier: BASE64URL(SHA256(ASCII(verifier))). */
export const s256Challenge = (verifier: string): string => createHash('sha256').update(verifier, 'ascii').digest('base64url');

/** Whether two secrets are the same, compared in constant time (a client's secret, a PKCE challenge). */
export function sameSecret(expected: string, given: string): boolean {
  const a = Buffer.from(expected);
  const b = Buffer.from(given);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** Whether the verifier is the one the challenge was made from (compared in constant time). */
export function verifierMatches(verifier: string, challenge: string): boolean {
  return isPkceValue(verifier) && sameSecret(challenge, s256Challenge(verifier));
}
