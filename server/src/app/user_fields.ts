import { AppError } from '../model/errors.js';
import { newId } from '../model/id.js';
import type { UserNotifyProps, UserRecord } from '../model/types.js';

// The rules for an account's own fields (sign-up and profile changes), as Mattermost's User.IsValid.

// Mattermost allows 1 to 64 characters; Parley also keeps its rule that a username starts with a letter.
const USERNAME = /^[a-z][a-z0-9.\-_]{0,63}$/;
const EMAIL = /^[^\s@<>()]+@[^\s@<>()]+\.[^\s@<>()]+$/;
const RESERVED_USERNAMES = new Set(['all', 'channel', 'here', 'matterbot', 'system', 'parley']);
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

/** `minimum` is PasswordSettings.MinimumLength. */
export function validatePassword(password: string, minimum: number): void {
  if (password.length < minimum || password.length > MAX_PASSWORD) {
    throw new AppError('model.user.is_valid.pwd_length.app_error', `Your password must contain between ${minimum} and ${MAX_PASSWORD} characters.`, 400);
  }
}

export function validateNames(u: { first_name?: string; last_name?: string; nickname?: string; position?: string }): void {
  for (const [field, value, max] of [['first_name', u.first_name, 64], ['last_name', u.last_name, 64], ['nickname', u.nickname, 64], ['position', u.position, 128]] as const) {
    if (value !== undefined && value.length > max) throw invalid(field, `${field} is too long.`);
  }
}
