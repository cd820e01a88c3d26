import { baseDocument, composeConfig, NO_OPERATOR, type ComposedConfig, type ConfigDocument, type OperatorLayer } from '../../config/document/compose.js';
import { documentDiff, getPath, isObject, mergeDocuments, setPath, deletePath, type JsonObject } from '../../config/document/paths.js';
import { maskSecrets, restoreMaskedSecrets } from '../../config/document/secrets.js';
import { ConfigError } from '../../config/errors.js';
import { LiveConfig } from '../../config/live.js';
import type { Config } from '../../config/schema.js';
import { AppError } from '../../model/errors.js';
import { makeEvent, type ServerEvent } from '../../model/events.js';
import { newId } from '../../model/id.js';
import type { Store } from '../../store/store.js';
import type { Actor } from '../actor.js';
import type { AppDeps } from '../deps.js';
import type { Permissions } from '../permissions.js';
import type { AuditService } from './audit.js';
import { clientConfig } from './client_config.js';
import { requireAnySystem } from './system_permission.js';

/** Published when the stored document changes, so every node reloads it; clients get the new client config. */
export const CONFIG_CHANGED = 'config_changed';

/** Saved versions of the document kept for history. */
const HISTORY = 20;

const READ_PERMISSIONS = ['manage_system', 'sysconsole_read_environment_web_server', 'sysconsole_read_site_customization', 'sysconsole_read_authentication_signup'];

/** Where the operator's settings come from, read again by /config/reload (the config file may have changed). */
export interface ConfigSources {
  /** Parley's settings as started: defaults, config file, environment. */
  base: Config;
  operator: OperatorLayer;
  reread(): { base: Config; operator: OperatorLayer };
}

/** Settings given whole (tests, tools): nothing comes from a config file or the environment, so nothing is locked. */
export const fixedSources = (config: Config): ConfigSources => ({ base: config, operator: NO_OPERATOR, reread: () => ({ base: config, operator: NO_OPERATOR }) });

/** The settings part of AppDeps for a configuration given whole, with no stored document (unit tests, tools). */
export function settingsFor(config: Config): Pick<AppDeps, 'config' | 'liveConfig' | 'configSources'> {
  const liveConfig = new LiveConfig(composeConfig(config, {}, NO_OPERATOR));
  return { config: liveConfig.flat, liveConfig, configSources: fixedSources(config) };
}

/** The document administrators saved through the API ({} before the first save). */
export async function readStoredDocument(store: Store): Promise<JsonObject> {
  const row = await store.configurations.active();
  if (!row) return {};
  const parsed: unknown = JSON.parse(row.value);
  return isObject(parsed) ? parsed : {};
}

const invalid = (err: ConfigError): AppError => new AppError('model.config.is_valid.app_error', err.message, 400, err.path);

/**
 * Mattermost's config document for administrators: read (secrets masked),
 * written whole or in part, reloaded. Writes are stored in the database so
 * every node of a cluster applies them, without a restart where the setting
 * allows it. What the operator set in the config file or the environment
 * wins and cannot be changed here.
 */
export class ConfigService {
  private sources: ConfigSources;
  private clientCache?: { document: ConfigDocument; config: Record<string, string> };

  constructor(private readonly deps: AppDeps, private readonly permissions: Permissions, private readonly audit: AuditService) {
    this.sources = deps.configSources;
  }

  /** Follows changes saved by any node. */
  start(): () => void {
    return this.deps.bus.subscribe((event) => {
      if (event.event !== CONFIG_CHANGED) return;
      void this.reloadStored().catch((err: unknown) => this.deps.log.error({ err }, 'config reload after a change on another node failed'));
    });
  }

  get(actor: Actor): ConfigDocument {
    requireAnySystem(this.permissions, actor, READ_PERMISSIONS);
    return maskSecrets(this.deps.liveConfig.document);
  }

  /** Mattermost's /config/environment: every locked setting, as `true` at its path. */
  environment(actor: Actor): JsonObject {
    requireAnySystem(this.permissions, actor, READ_PERMISSIONS);
    const locked: JsonObject = {};
    for (const path of this.deps.liveConfig.locked) setPath(locked, path, true);
    return locked;
  }

  /** Every client asks for it at start: made once per document (a change replaces the document). */
  client(): Record<string, string> {
    const document = this.deps.liveConfig.document;
    if (this.clientCache?.document !== document) this.clientCache = { document, config: clientConfig(document, this.deps.liveConfig.flat) };
    return this.clientCache.config;
  }

  /** Replaces the document. Masked secrets and locked settings keep their values; unknown keys are kept as written. */
  async update(actor: Actor, incoming: JsonObject): Promise<ConfigDocument> {
    this.permissions.requireSystem(actor, 'manage_system');
    const current = this.deps.liveConfig.document as unknown as JsonObject;
    const candidate = structuredClone(incoming);
    restoreMaskedSecrets(candidate, current);
    const stored = await this.storedDocument();
    for (const path of this.deps.liveConfig.locked) {
      const previous = getPath(stored, path);
      if (previous === undefined) deletePath(candidate, path);
      else setPath(candidate, path, previous);
    }
    // Stored as what differs from the settings as started, so keys an admin never changed follow the defaults.
    const next = documentDiff(candidate, baseDocument(this.sources.base));
    const composed = this.composeOr400(next);
    const changedKeys = documentDiff(composed.document as unknown as JsonObject, current);
    await this.deps.store.configurations.save({ id: newId(), value: JSON.stringify(next), create_at: Date.now() }, HISTORY);
    this.deps.liveConfig.apply(composed);
    this.deps.bus.publish(this.changedEvent());
    await this.audit.recordFor(actor, { action: 'config.update', result: 'success', extra: { changed: changedSettings(changedKeys) } });
    return maskSecrets(composed.document);
  }

  /** Changes only the keys given. */
  async patch(actor: Actor, partial: JsonObject): Promise<ConfigDocument> {
    this.permissions.requireSystem(actor, 'manage_system');
    const current = structuredClone(this.deps.liveConfig.document as unknown as JsonObject);
    return this.update(actor, mergeDocuments(current, partial));
  }

  /** Reads the config file, the environment and the stored document again, on every node. */
  async reload(actor: Actor): Promise<void> {
    this.permissions.requireSystem(actor, 'manage_system');
    await this.reloadStored();
    this.deps.bus.publish(this.changedEvent());
    await this.audit.recordFor(actor, { action: 'config.reload', result: 'success' });
  }

  private async reloadStored(): Promise<void> {
    try {
      this.sources = { ...this.sources, ...this.sources.reread() };
    } catch (err) {
      if (err instanceof ConfigError) throw invalid(err);
      throw err;
    }
    this.deps.liveConfig.apply(this.composeOr400(await this.storedDocument()));
  }

  private changedEvent(): ServerEvent {
    return makeEvent(CONFIG_CHANGED, { config: this.client() }, {});
  }

  private storedDocument(): Promise<JsonObject> {
    return readStoredDocument(this.deps.store);
  }

  private compose(stored: JsonObject): ComposedConfig {
    return composeConfig(this.sources.base, stored, this.sources.operator);
  }

  private composeOr400(stored: JsonObject): ComposedConfig {
    try {
      return this.compose(stored);
    } catch (err) {
      if (err instanceof ConfigError) throw invalid(err);
      throw err;
    }
  }
}

/** The changed settings' paths for the audit record (values stay out: some are secrets). */
function changedSettings(diff: JsonObject): string {
  const paths: string[] = [];
  for (const [section, values] of Object.entries(diff)) {
    if (isObject(values)) for (const key of Object.keys(values)) paths.push(`${section}.${key}`);
    else paths.push(section);
  }
  return paths.slice(0, 50).join(',') + (paths.length > 50 ? `,+${paths.length - 50}` : '');
}
