import { describe, expect, it } from 'vitest';
import { deniedRedirect, readAuthorizeRequest } from '../src/features/oauth/authorize_request';
import { parseRoute } from '../src/router/routes';

describe('the OAuth consent page', () => {
  it('is the route of /oauth/authorize only', () => {
    expect(parseRoute('/oauth/authorize')).toEqual({ name: 'oauthAuthorize' });
    expect(parseRoute('/oauth/authorize/x')).not.toEqual({ name: 'oauthAuthorize' });
  });

  it('reads the request from the query and refuses back to the client with its state and query kept', () => {
    const request = readAuthorizeRequest('?response_type=code&client_id=abc&redirect_uri=https%3A%2F%2Fapp.example%2Fcb%3Fx%3D1&state=s%26t&code_challenge=c&code_challenge_method=S256');
    expect(request).toEqual({
      responseType: 'code', clientId: 'abc', redirectUri: 'https://app.example/cb?x=1', state: 's&t', scope: '', codeChallenge: 'c', codeChallengeMethod: 'S256',
    });
    const denied = new URL(deniedRedirect(request));
    expect([denied.origin + denied.pathname, denied.searchParams.get('x'), denied.searchParams.get('error'), denied.searchParams.get('state')])
      .toEqual(['https://app.example/cb', '1', 'access_denied', 's&t']);
    expect(new URL(deniedRedirect({ ...request, state: '' })).searchParams.has('state')).toBe(false);
  });
});
