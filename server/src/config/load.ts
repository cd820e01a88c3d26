import { existsSync, readFileSync } from 'node:fs';
import { Value } from 'typebox/value';
import { composeConfig, referenceDocument, type OperatorLayer } from './document/compose.js';
import { getPath, isObject, leafPaths, setPath, type JsonObject } from './document/paths.js';
import { ConfigError } from './errors.js';
import { ConfigSchema, ENV_KEYS, type Config } from './schema.js';

/** Coerces an env string to the type the schema declares for that key. */
function fromEnv(key: keyof Config, raw: string): unknown {
  const schema = ConfigSchema.properties[key] as { type?: string };
  if (schema.type === 'integer') return /^-?\d+$/.test(raw.trim()) ? Number(raw) : raw;
  if (schema.type === 'boolean') return raw === 'true' ? true : raw === 'false' ? false : raw;
  // Lists come as comma-separated values (e.g. PARLEY_TRUSTED_PROXY_IP_HEADER=X-Forwarded-For,X-Real-IP).
  if (schema.type === 'array') return raw.split(',').map((item) => item.trim()).filter(Boolean);
  return raw;
}

/** Coerces an MM_* value to the type its default has; a list is JSON or space-separated, as Mattermost reads it. */
function fromMattermostEnv(raw: string, example: unknown): unknown {
  if (typeof example === 'number') return /^-?\d+(\.\d+)?$/.test(raw.trim()) ? Number(raw) : raw;
  if (typeof example === 'boolean') return raw === 'true' ? true : raw === 'false' ? false : raw;
  if (Array.isArray(example) || isObject(example)) {
    try {
      return JSON.parse(raw) as unknown;
    } catch {
      return Array.isArray(example) ? raw.split(/\s+/).filter(Boolean) : raw;
    }
  }
  return raw;
}

/** MM_<SECTION>_<KEY> (Mattermost's variable names) for every key of the document. */
function mattermostEnvironment(env: NodeJS.ProcessEnv): JsonObject {
  const reference = referenceDocument() as unknown as JsonObject;
  const document: JsonObject = {};
  for (const path of leafPaths(reference)) {
    const raw = env[`MM_${path.replaceAll('.', '_').toUpperCase()}`];
    if (raw !== undefined && raw !== '') setPath(document, path, fromMattermostEnv(raw, getPath(reference, path)));
  }
  return document;
}

function readConfigFile(file: string): { flat: Record<string, unknown>; document: JsonObject } {
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(file, 'utf8'));
  } catch (err) {
    throw new ConfigError(`config file ${file} is not valid JSON: ${(err as Error).message}`);
  }
  if (!isObject(parsed)) throw new ConfigError(`config file ${file} must hold a JSON object`);
  const flat: Record<string, unknown> = {};
  const document: JsonObject = {};
  for (const [key, value] of Object.entries(parsed)) {
    // Mattermost's sections (ServiceSettings, ...) may sit beside Parley's keys, so a Mattermost config.json can be reused.
    if (/^[A-Z]/.test(key) && isObject(value)) document[key] = value;
    else if (Object.hasOwn(ConfigSchema.properties, key)) flat[key] = value;
    else throw new ConfigError(`config file ${file}: unknown key "${key}"`);
  }
  return { flat, document };
}

export interface LoadedSettings {
  /** Parley's settings at start (before the stored document is read). */
  flat: Config;
  /** What the config file and the environment set: wins over the API and is locked there. */
  operator: OperatorLayer;
}

/**
 * defaults < config file (PARLEY_CONFIG_FILE, or config.json in the data dir)
 * < environment < overrides (tests). Invalid values stop the start with a
 * message naming the key.
 */
export function loadSettings(env: NodeJS.ProcessEnv = process.env, overrides: Partial<Config> = {}): LoadedSettings {
  const merged: Record<string, unknown> = {};
  const operatorKeys = new Set<keyof Config>();
  let operatorDocument: JsonObject = {};
  const dataDir = env[ENV_KEYS.dataDir] ?? overrides.dataDir ?? './data';
  const file = env.PARLEY_CONFIG_FILE ?? `${dataDir}/config.json`;
  if (existsSync(file)) {
    const fromFile = readConfigFile(file);
    Object.assign(merged, fromFile.flat);
    for (const key of Object.keys(fromFile.flat)) operatorKeys.add(key as keyof Config);
    operatorDocument = fromFile.document;
  }
  for (const key of Object.keys(ENV_KEYS) as (keyof Config)[]) {
    const raw = env[ENV_KEYS[key]];
    if (raw !== undefined && raw !== '') {
      merged[key] = fromEnv(key, raw);
      operatorKeys.add(key);
    }
  }
  Object.assign(merged, overrides);
  const withDefaults = Value.Default(ConfigSchema, merged);
  const firstError = Value.Errors(ConfigSchema, withDefaults)[0];
  if (firstError) {
    const key = firstError.instancePath.replace(/^\//, '') as keyof Config;
    const source = ENV_KEYS[key] && env[ENV_KEYS[key]] !== undefined ? ENV_KEYS[key] : key;
    throw new ConfigError(`invalid configuration value for ${source}: ${firstError.message}`);
  }
  const operator: OperatorLayer = {
    document: mergeSections(operatorDocument, mattermostEnvironment(env)),
    flatKeys: [...operatorKeys].filter((key) => !Object.hasOwn(overrides, key)),
  };
  // Mattermost-shaped values can set Parley's settings too (MM_SERVICESETTINGS_SITEURL): compose once to apply and check them.
  const { flat } = composeConfig(withDefaults as Config, {}, operator);
  return { flat, operator };
}

function mergeSections(a: JsonObject, b: JsonObject): JsonObject {
  const out: JsonObject = { ...a };
  for (const [section, values] of Object.entries(b)) out[section] = { ...(isObject(out[section]) ? out[section] : {}), ...(values as JsonObject) };
  return out;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env, overrides: Partial<Config> = {}): Config {
  return loadSettings(env, overrides).flat;
}
