import { Value } from 'typebox/value';
import { ConfigError } from '../errors.js';
import { ConfigSchema, type Config } from '../schema.js';
import { FLAT_BINDINGS } from './flat_bindings.js';
import { getPath, isObject, leafPaths, type JsonObject } from './paths.js';

const kind = (value: unknown): string => (Array.isArray(value) ? 'array' : value === null ? 'null' : typeof value);

/**
 * Every setting keeps the type its default has (a client that writes a
 * string where Mattermost has a number gets told which key). Keys Parley does
 * not know are kept as written.
 */
export function checkTypes(doc: JsonObject, reference: JsonObject): void {
  for (const path of leafPaths(doc, reference)) {
    const expected = getPath(reference, path);
    const value = getPath(doc, path);
    if (expected === undefined || expected === null) continue;
    if (kind(value) !== kind(expected) || (typeof value === 'number' && !Number.isFinite(value))) {
      throw new ConfigError(`${path} must be ${kind(expected) === 'object' ? 'an object' : `a ${kind(expected)}`}.`, path);
    }
  }
  for (const [section, expected] of Object.entries(reference)) {
    if (isObject(expected) && doc[section] !== undefined && !isObject(doc[section])) throw new ConfigError(`${section} must be an object.`, section);
  }
}

/** Rules for Mattermost keys Parley implements beyond their type. */
const RULES: { path: string; check: (value: unknown) => string | undefined }[] = [
  { path: 'PasswordSettings.MinimumLength', check: (v) => (typeof v === 'number' && Number.isInteger(v) && v >= 5 && v <= 72 ? undefined : 'must be a whole number from 5 to 72') },
  { path: 'TeamSettings.SiteName', check: (v) => (typeof v === 'string' && [...v].length <= 30 ? undefined : 'must be at most 30 characters') },
  {
    path: 'ServiceSettings.SiteURL',
    check: (v) => {
      if (v === '') return undefined;
      try {
        const url = new URL(String(v));
        return url.protocol === 'http:' || url.protocol === 'https:' ? undefined : 'must start with http:// or https://';
      } catch {
        return 'must be a valid URL (https://chat.example.com) or empty';
      }
    },
  },
  { path: 'TeamSettings.RestrictDirectMessage', check: (v) => (v === 'any' || v === 'team' ? undefined : "must be 'any' or 'team'") },
  { path: 'TeamSettings.TeammateNameDisplay', check: (v) => (['username', 'nickname_full_name', 'full_name'].includes(String(v)) ? undefined : "must be 'username', 'nickname_full_name' or 'full_name'") },
  { path: 'ServiceSettings.CollapsedThreads', check: (v) => (['disabled', 'default_off', 'default_on', 'always_on'].includes(String(v)) ? undefined : "must be 'disabled', 'default_off', 'default_on' or 'always_on'") },
  { path: 'LogSettings.ConsoleLevel', check: (v) => (['DEBUG', 'INFO', 'WARN', 'ERROR', 'FATAL'].includes(String(v).toUpperCase()) ? undefined : 'must be DEBUG, INFO, WARN, ERROR or FATAL') },
  { path: 'AnnouncementSettings.BannerText', check: (v) => (typeof v === 'string' && v.length <= 1024 ? undefined : 'must be at most 1024 characters') },
];

export function checkRules(doc: JsonObject): void {
  for (const rule of RULES) {
    const problem = rule.check(getPath(doc, rule.path));
    if (problem) throw new ConfigError(`${rule.path} ${problem}.`, rule.path);
  }
}

/** Parley's settings read from the document, checked against their schema; the error names the document key. */
export function checkFlat(flat: Record<keyof Config, unknown>): Config {
  const withDefaults = Value.Default(ConfigSchema, structuredClone(flat));
  const first = Value.Errors(ConfigSchema, withDefaults)[0];
  if (first) {
    const key = first.instancePath.replace(/^\//, '').split('/')[0] as keyof Config;
    const path = FLAT_BINDINGS[key]?.path ?? key;
    throw new ConfigError(`${path}: ${first.message}.`, path);
  }
  return withDefaults as Config;
}
