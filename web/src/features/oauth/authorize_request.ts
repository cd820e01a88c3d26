/** The authorization request a client sent to /oauth/authorize, as this page's query string carries it. */
export interface AuthorizeRequest {
  responseType: string;
  clientId: string;
  redirectUri: string;
  state: string;
  scope: string;
  codeChallenge: string;
  codeChallengeMethod: string;
}

export function readAuthorizeRequest(search: string): AuthorizeRequest {
  const query = new URLSearchParams(search);
  const value = (name: string): string => query.get(name) ?? '';
  return {
    responseType: value('response_type'), clientId: value('client_id'), redirectUri: value('redirect_uri'), state: value('state'),
    scope: value('scope'), codeChallenge: value('code_challenge'), codeChallengeMethod: value('code_challenge_method'),
  };
}

/** Where a refusal sends the browser: the client's redirect_uri with `error=access_denied` and its state (RFC 6749 §4.1.2.1). */
export function deniedRedirect(request: AuthorizeRequest): string {
  const url = new URL(request.redirectUri);
  url.searchParams.set('error', 'access_denied');
  if (request.state) url.searchParams.set('state', request.state);
  return url.toString();
}
