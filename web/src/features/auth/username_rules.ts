// The username rule the server enforces (server/src/app/user_fields.ts, Mattermost's User.IsValid plus Parley's
// "starts with a letter"), so the sign-up form refuses exactly what the server would, with the same words as its hint.

const USERNAME = /^[a-z][a-z0-9._-]{0,63}$/;
const RESERVED = new Set(['all', 'channel', 'here', 'matterbot', 'system', 'parley', 'system-bot']);

/** The longest username the server takes. */
export const USERNAME_MAX_LENGTH = 64;

/** The server's own error id for a refused username. */
export const USERNAME_REFUSED = 'model.user.is_valid.username.app_error';

/**
 * What the field keeps of what was typed: the server stores usernames in lowercase, so capitals become lowercase as
 * they are typed (the hint says so) rather than being accepted here and changed later.
 */
export const usernameAsTyped = (typed: string): string => typed.toLowerCase();

/** Why the server would refuse a username: 'invalid' (the characters or length), 'reserved', or null when it is fine. */
export function usernameProblem(username: string): 'invalid' | 'reserved' | null {
  if (!USERNAME.test(username)) return 'invalid';
  return RESERVED.has(username) ? 'reserved' : null;
}
