import { AppError } from '../model/errors.js';
import { newId } from '../model/id.js';
import type { UserNotifyProps, UserRecord } from '../model/types.js';

// The rules for an account's own fields (sign-up and profile changes), as Mattermost's User.IsValid.

// Mattermost allows 1 to 64 characters; Parley also keeps its rule that a username starts with a letter.
const USERNAME = /^[a-z][a-z0-9.\-_]{0,63}$/;
const EMAIL = /^[^\s@<>()]+@[^\s@<>()]+\.[^\s@<>()]+$/;
// `system-bot` is the server's own bot (reminders), created on first use.
const RESERVED_USERNAMES = new Set(['all', 'channel', 'here', 'matterbot', 'system', 'parley', 'system-bot']);
const MAX_PASSWORD = 256;

/** A refused account field, with Mattermost's id for it. */
export const invalid = (field: string, message: string): AppError =>
  new AppError(`model.user.is_valid.${field}.app_error`, message, 400);

export function defaultNotifyProps(): UserNotifyProps {
  return {
    email: 'true', push: 'mention', desktop: 'mention', desktop_sound: 'true', mention_keys: '', channel: 'true',
    first_name: 'false', comments: 'never', push_status: 'online', auto_responder_active: 'false',
    auto_responder_message: '', desktop_threads: 'all', email_threads: 'all', push_threads: 'all',
    mark_unread: 'all', highlight_keys: '', calls_desktop_sound: 'true',
  } as UserNotifyProps;
}

/** A new account's row: the fields given, Mattermost's defaults for the rest (the plain user role, no password). */
export function newUserRecord(fields: Pick<UserRecord, 'username' | 'email'> & Partial<UserRecord>, now = Date.now()): UserRecord {
  return {
    id: newId(), create_at: now, update_at: now, delete_at: 0, email_verified: false, password: '', auth_service: '', auth_data: '',
    nickname: '', first_name: '', last_name: '', position: '', roles: 'system_user', props: {}, notify_props: defaultNotifyProps(),
    last_password_update: now, last_picture_update: 0, locale: 'en',
    timezone: { useAutomaticTimezone: 'true', automaticTimezone: '', manualTimezone: '' }, mfa_active: false,
    last_activity_at: 0, is_bot: false, bot_description: '', terms_of_service_id: '', terms_of_service_create_at: 0,
    ...fields,
  };
}

export function isValidUsername(username: string): boolean {
  return USERNAME.test(username) && !RESERVED_USERNAMES.has(username);
}

export function validateUsername(username: string): void {
  if (!isValidUsername(username)) {
    throw invalid('username', 'Username must begin with a letter and contain at most 64 lowercase characters made up of numbers, letters, and the symbols \'.\', \'-\', and \'_\'.');
  }
}

/** Whether `email` (trimmed, lower-cased) has the shape of an address Parley accepts for an account. */
export function isEmailAddress(email: string): boolean {
  return email.length <= 128 && EMAIL.test(email);
}

export function validateEmail(email: string): void {
  if (!isEmailAddress(email)) throw invalid('email', 'Invalid email.');
}

/** PasswordSettings: the length and the kinds of character a new password needs. */
export interface PasswordPolicy {
  MinimumLength: number;
  Lowercase: boolean;
  Uppercase: boolean;
  Number: boolean;
  Symbol: boolean;
}

/** The character classes PasswordSettings can require, in the order Mattermost names them in its error ids. */
const PASSWORD_CLASSES = [
  { key: 'Lowercase', id: 'lowercase', label: 'one lowercase letter', test: /[a-z]/ },
  { key: 'Uppercase', id: 'uppercase', label: 'one uppercase letter', test: /[A-Z]/ },
  { key: 'Number', id: 'number', label: 'one number', test: /[0-9]/ },
  { key: 'Symbol', id: 'symbol', label: 'one symbol (such as "~!@#$%^&*()")', test: /[ !"#$%&'()*+,\-./:;<=>?@[\]^_`{|}~\\]/ },
] as const;

/**
 * Refuses a password the policy does not allow, with Mattermost's ids: pwd_min_length / pwd_max_length, or
 * pwd_<every required class>, so a client can say all that is needed at once.
 */
export function validatePassword(password: string, policy: PasswordPolicy): void {
  const length = [...password].length;
  if (length < policy.MinimumLength) {
    throw new AppError('model.user.is_valid.pwd_min_length.app_error', `Your password must contain at least ${policy.MinimumLength} characters.`, 400);
  }
  if (length > MAX_PASSWORD) {
    throw new AppError('model.user.is_valid.pwd_max_length.app_error', `Your password must contain at most ${MAX_PASSWORD} characters.`, 400);
  }
  const required = PASSWORD_CLASSES.filter((kind) => policy[kind.key]);
  if (required.every((kind) => kind.test.test(password))) return;
  throw new AppError(`model.user.is_valid.pwd_${required.map((kind) => kind.id).join('_')}.app_error`,
    `Your password must contain at least ${policy.MinimumLength} characters made up of at least ${required.map((kind) => kind.label).join(', ')}.`, 400);
}

export function validateNames(u: { first_name?: string; last_name?: string; nickname?: string; position?: string }): void {
  for (const [field, value, max] of [['first_name', u.first_name, 64], ['last_name', u.last_name, 64], ['nickname', u.nickname, 64], ['position', u.position, 128]] as const) {
    if (value !== undefined && value.length > max) throw invalid(field, `${field} is too long.`);
  }
}
