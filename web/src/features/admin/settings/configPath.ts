import type { AdminConfig, EnvironmentConfig } from '@mattermost/types/config';

/** Mattermost's config document as GET /api/v4/config returns it, plus Parley's own section. */
export type ConfigDocument = AdminConfig & { ParleySettings?: Record<string, unknown> };

/** "Section.Key" for every key of AdminConfig (checked by the compiler), or any key of ParleySettings. */
export type ConfigPath =
  | { [S in keyof AdminConfig]: `${S}.${keyof AdminConfig[S] & string}` }[keyof AdminConfig]
  | `ParleySettings.${string}`;

export type ConfigValue = string | number | boolean;

/** The secret placeholder the server sends instead of a password, and takes back as "unchanged". */
export const MASKED_SECRET = '********************************';

function split(path: string): [string, string] {
  const dot = path.indexOf('.');
  return [path.slice(0, dot), path.slice(dot + 1)];
}

function sectionOf(config: ConfigDocument, section: string): Record<string, unknown> | undefined {
  const value: unknown = (config as unknown as Record<string, unknown>)[section];
  return value && typeof value === 'object' ? (value as Record<string, unknown>) : undefined;
}

export function readSetting(config: ConfigDocument, path: ConfigPath): unknown {
  const [section, key] = split(path);
  const values = sectionOf(config, section);
  return values && Object.hasOwn(values, key) ? values[key] : undefined;
}

/** A copy of the document with one key changed; every other section and key (even ones this client does not know) is kept. */
export function writeSetting(config: ConfigDocument, path: ConfigPath, value: unknown): ConfigDocument {
  const [section, key] = split(path);
  return { ...config, [section]: { ...sectionOf(config, section), [key]: value } };
}

/** True when the operator's environment or config file fixes this key (GET /config/environment lists it). */
export function setByEnvironment(environment: Partial<EnvironmentConfig>, path: ConfigPath): boolean {
  const [section, key] = split(path);
  const values: unknown = (environment as Record<string, unknown>)[section];
  return Boolean(values && typeof values === 'object' && (values as Record<string, unknown>)[key] === true);
}
