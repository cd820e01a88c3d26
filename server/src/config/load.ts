import { existsSync, readFileSync } from 'node:fs';
import { Value } from 'typebox/value';
import { ConfigSchema, ENV_KEYS, type Config } from './schema.js';

export class ConfigError extends Error {}

/** Coerces an env string to the type the schema declares for that key. */
function fromEnv(key: keyof Config, raw: string): unknown {
  const schema = ConfigSchema.properties[key] as { type?: string };
  if (schema.type === 'integer') return /^-?\d+$/.test(raw.trim()) ? Number(raw) : raw;
  if (schema.type === 'boolean') return raw === 'true' ? true : raw === 'false' ? false : raw;
  // Lists come as comma-separated values (e.g. PARLEY_TRUSTED_PROXY_IP_HEADER=X-Forwarded-For,X-Real-IP).
  if (schema.type === 'array') return raw.split(',').map((item) => item.trim()).filter(Boolean);
  return raw;
}

/**
 * defaults < config file (PARLEY_CONFIG_FILE, or config.json in the data dir)
 * < environment. Invalid values stop the start with a message naming the key.
 */
export function loadConfig(env: NodeJS.ProcessEnv = process.env, overrides: Partial<Config> = {}): Config {
  const merged: Record<string, unknown> = {};
  const dataDir = env[ENV_KEYS.dataDir] ?? overrides.dataDir ?? './data';
  const file = env.PARLEY_CONFIG_FILE ?? `${dataDir}/config.json`;
  if (existsSync(file)) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(readFileSync(file, 'utf8'));
    } catch (err) {
      throw new ConfigError(`config file ${file} is not valid JSON: ${(err as Error).message}`);
    }
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new ConfigError(`config file ${file} must hold a JSON object`);
    for (const [key, value] of Object.entries(parsed)) {
      if (!Object.hasOwn(ConfigSchema.properties, key)) throw new ConfigError(`config file ${file}: unknown key "${key}"`);
      merged[key] = value;
    }
  }
  for (const key of Object.keys(ENV_KEYS) as (keyof Config)[]) {
    const raw = env[ENV_KEYS[key]];
    if (raw !== undefined && raw !== '') merged[key] = fromEnv(key, raw);
  }
  Object.assign(merged, overrides);
  const withDefaults = Value.Default(ConfigSchema, merged);
  const firstError = Value.Errors(ConfigSchema, withDefaults)[0];
  if (firstError) {
    const key = firstError.instancePath.replace(/^\//, '') as keyof Config;
    const source = ENV_KEYS[key] && env[ENV_KEYS[key]] !== undefined ? ENV_KEYS[key] : key;
    throw new ConfigError(`invalid configuration value for ${source}: ${firstError.message}`);
  }
  return withDefaults as Config;
}
