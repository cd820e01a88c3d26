import { Client4 } from '@mattermost/client';

/**
 * The one REST client of the app. Auth rides on the MMAUTHTOKEN cookie (HttpOnly);
 * Client4 reads MMCSRF from document.cookie and sends it as X-CSRF-Token on writes.
 */
export const client = new Client4();
client.setUrl(window.location.origin);

const SESSION_EXPIRED = 'api.context.session_expired.app_error';
/** The server wants this user to set up MFA first (EnforceMultifactorAuthentication); most calls answer 403 with it. */
export const MFA_REQUIRED = 'api.context.mfa_required.app_error';
let onSessionExpired: () => void = () => undefined;
let onMfaRequired: () => void = () => undefined;

/** Runs `handler` whenever the server answers that the session is gone (expired, logged out or revoked elsewhere). */
export function whenSessionExpires(handler: () => void): void {
  onSessionExpired = handler;
}

/** Runs `handler` whenever a call is refused until MFA is set up (Mattermost's MfaEnforcementListener does the same). */
export function whenMfaRequired(handler: () => void): void {
  onMfaRequired = handler;
}

// Every Client4 call goes through doFetchWithResponse (private in its types, an instance field at run time):
// wrapping it is the one place that sees every failure.
interface Fetching { doFetchWithResponse: (url: string, options: RequestInit) => Promise<unknown> }
const fetching = client as unknown as Fetching;
const fetchWithResponse = fetching.doFetchWithResponse;
fetching.doFetchWithResponse = async (url, options) => {
  try {
    return await fetchWithResponse(url, options);
  } catch (err) {
    const id = serverError(err).id;
    if (id === SESSION_EXPIRED) onSessionExpired();
    else if (id === MFA_REQUIRED) onMfaRequired();
    throw err;
  }
};

export function isLoggedInCookie(): boolean {
  return /(?:^|;\s*)MMUSERID=/.test(document.cookie);
}

/** What Client4 throws for a failed request (ClientError): the server's error id and message. */
export interface ServerError {
  message: string;
  id: string;
  detail: string;
}

export function serverError(err: unknown): ServerError {
  const field = (name: string): string => {
    const value: unknown = err && typeof err === 'object' ? (err as Record<string, unknown>)[name] : undefined;
    return typeof value === 'string' ? value : '';
  };
  return { message: field('message') || String(err), id: field('server_error_id'), detail: field('detailed_error') };
}

export function errorMessage(err: unknown): string {
  if (err && typeof err === 'object' && 'message' in err && typeof err.message === 'string') return err.message;
  return String(err);
}

export function avatarUrl(userId: string, lastPictureUpdate = 0): string {
  return `/api/v4/users/${userId}/image?_=${lastPictureUpdate}`;
}
