import { Client4 } from '@mattermost/client';

/**
 * The one REST client of the app. Auth rides on the MMAUTHTOKEN cookie (HttpOnly);
 * Client4 reads MMCSRF from document.cookie and sends it as X-CSRF-Token on writes.
 */
export const client = new Client4();
client.setUrl(window.location.origin);

export function isLoggedInCookie(): boolean {
  return /(?:^|;\s*)MMUSERID=/.test(document.cookie);
}

export function errorMessage(err: unknown): string {
  if (err && typeof err === 'object' && 'message' in err && typeof err.message === 'string') return err.message;
  return String(err);
}

export function avatarUrl(userId: string, lastPictureUpdate = 0): string {
  return `/api/v4/users/${userId}/image?_=${lastPictureUpdate}`;
}
