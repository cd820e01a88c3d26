import { describe, expect, it } from 'vitest';
import { isPkceValue, s256Challenge, verifierMatches } from '../../src/app/integrations/oauth/pkce.js';

describe('PKCE (RFC 7636)', () => {
  // The example of RFC 7636, Appendix B.
  const verifier = 'dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk';
  const challenge = 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM';

  it('derives the S256 challenge of the RFC example', () => {
    expect(s256Challenge(verifier)).toBe(challenge);
    expect(verifierMatches(verifier, challenge)).toBe(true);
  });

  it('refuses another verifier, a malformed one and malformed challenges', () => {
    expect(verifierMatches(`${verifier.slice(0, -1)}A`, challenge)).toBe(false);
    expect(verifierMatches('short', s256Challenge('short'))).toBe(false);
    expect(verifierMatches(verifier, challenge.slice(1))).toBe(false);
    expect(isPkceValue('a'.repeat(42))).toBe(false);
    expect(isPkceValue('a'.repeat(129))).toBe(false);
    expect(isPkceValue(`${'a'.repeat(42)}+`)).toBe(false);
    expect(isPkceValue(challenge)).toBe(true);
  });
});
