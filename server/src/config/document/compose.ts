import type { AdminConfig } from '@mattermost/types/config';
import { Value } from 'typebox/value';
import { ConfigSchema, type Config } from '../schema.js';
import { mattermostDefaults } from './defaults/index.js';
import { bindingPaths, CONFIG_KEYS, readFlat, writeFlat } from './flat_bindings.js';
import { mergeDocuments, setPath, type JsonObject } from './paths.js';
import { checkFlat, checkRules, checkTypes } from './validate.js';

/** Mattermost's config document plus ParleySettings, the section of Parley's own settings. */
export type ConfigDocument = AdminConfig & { ParleySettings: JsonObject };

/** What the operator set outside the API (config file, environment): it wins over the stored document and is locked. */
export interface OperatorLayer {
  /** Mattermost-shaped values from the config file's sections and MM_<SECTION>_<KEY> variables. */
  document: JsonObject;
  /** Parley settings the config file or PARLEY_* variables set; their values are in the base config. */
  flatKeys: (keyof Config)[];
}

/** Where the database is cannot be stored in that database: these always come from the start settings. */
const START_ONLY: (keyof Config)[] = ['databaseUrl', 'dataDir'];

export const NO_OPERATOR: OperatorLayer = { document: {}, flatKeys: [] };

export interface ComposedConfig {
  document: ConfigDocument;
  /** Parley's settings as the services read them. */
  flat: Config;
  /** Document paths the API cannot change (reported by /config/environment). */
  locked: string[];
}

/** Mattermost's defaults with the given Parley settings at their keys. */
export function baseDocument(base: Config): JsonObject {
  const doc = mattermostDefaults() as unknown as JsonObject;
  writeFlat(base, CONFIG_KEYS, doc);
  return doc;
}

/** Mattermost's defaults with Parley's defaults laid over them: what types are checked against. */
export function referenceDocument(): ConfigDocument {
  return baseDocument(Value.Default(ConfigSchema, {}) as Config) as ConfigDocument;
}

/**
 * The running configuration, lowest layer first: Mattermost's defaults;
 * Parley's settings as started (defaults, file, environment); the document
 * stored through the API; then the operator's file and environment values
 * again, which the API cannot override. Throws ConfigError naming the key.
 */
export function composeConfig(base: Config, stored: JsonObject, operator: OperatorLayer): ComposedConfig {
  const reference = referenceDocument() as unknown as JsonObject;
  let doc = mergeDocuments(baseDocument(base), stored);
  doc = mergeDocuments(doc, operator.document);
  writeFlat(base, [...operator.flatKeys, ...START_ONLY], doc);
  checkTypes(doc, reference);
  checkRules(doc);
  const flat = checkFlat(readFlat(doc));
  setPath(doc, 'SqlSettings.DriverName', flat.databaseUrl ? 'postgres' : 'sqlite3');
  const locked = new Set(operatorPaths(operator.document));
  for (const key of [...operator.flatKeys, ...START_ONLY]) for (const path of bindingPaths(key)) locked.add(path);
  return { document: doc as ConfigDocument, flat, locked: [...locked].sort() };
}

function operatorPaths(doc: JsonObject, prefix = ''): string[] {
  return Object.entries(doc).flatMap(([key, value]) => {
    const path = prefix ? `${prefix}.${key}` : key;
    return typeof value === 'object' && value !== null && !Array.isArray(value) && prefix === '' ? operatorPaths(value as JsonObject, path) : [path];
  });
}
