import { badParam, badUrlParam } from '../model/errors.js';
import { isValidId } from '../model/id.js';

// Query and URL parameter parsing: every malformed value is a 400, never a 500.

type Query = Record<string, unknown>;

export function intParam(query: Query, name: string, fallback: number, range: { min: number; max: number }): number {
  const raw = query[name];
  if (raw === undefined || raw === '') return fallback;
  if (typeof raw !== 'string' || !/^-?\d{1,15}$/.test(raw)) throw badParam(name);
  const value = Number(raw);
  if (value < range.min) throw badParam(name);
  return Math.min(value, range.max);
}

export function boolParam(query: Query, name: string, fallback = false): boolean {
  const raw = query[name];
  if (raw === undefined || raw === '') return fallback;
  if (raw === 'true' || raw === '1') return true;
  if (raw === 'false' || raw === '0') return false;
  throw badParam(name);
}

export function stringParam(query: Query, name: string, maxLength = 256): string | undefined {
  const raw = query[name];
  if (raw === undefined) return undefined;
  if (typeof raw !== 'string' || raw.length > maxLength) throw badParam(name);
  return raw;
}

export function idParam(query: Query, name: string): string | undefined {
  const raw = query[name];
  if (raw === undefined || raw === '') return undefined;
  if (!isValidId(raw)) throw badParam(name);
  return raw;
}

/** A path id; `me` stands for the caller where a user id is expected. */
export function pathId(value: string | undefined, name: string, me?: string): string {
  if (value === 'me' && me) return me;
  if (!isValidId(value)) throw badUrlParam(name);
  return value;
}

/** Mattermost paging: page (0-based) and per_page (default 60, capped). */
export function paging(query: Query, defaults: { perPage: number; maxPerPage: number } = { perPage: 60, maxPerPage: 200 }): { page: number; perPage: number; offset: number } {
  const page = intParam(query, 'page', 0, { min: 0, max: 1_000_000 });
  const perPage = intParam(query, 'per_page', defaults.perPage, { min: 0, max: defaults.maxPerPage });
  return { page, perPage, offset: page * perPage };
}

export const OK = { status: 'OK' } as const;

const ROLE_NAME = /^[a-z0-9_]{1,64}$/;

/** A comma-separated list of role names (upstream's CleanRoleNames: trimmed; lowercase letters, digits and `_`). */
export function roleListParam(query: Query, name: string): string[] | undefined {
  const raw = stringParam(query, name, 1024);
  if (!raw) return undefined;
  const names = raw.split(',').map((r) => r.trim());
  if (!names.every((r) => ROLE_NAME.test(r))) throw badParam(name);
  return names;
}
