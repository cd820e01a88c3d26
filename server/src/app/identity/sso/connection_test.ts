import { isObject, type JsonObject } from '../../../config/document/paths.js';
import { AppError, badBodyParam, badUrlParam } from '../../../model/errors.js';
import type { Actor } from '../../actor.js';
import { requireAnySystem } from '../../admin/system_permission.js';
import type { AppDeps } from '../../deps.js';
import type { Permissions } from '../../permissions.js';
import { describe, discover, PROVIDER_TIMEOUT_SECONDS, ProviderUnavailable } from './provider_client.js';
import { discoveryUrl, isSsoService, parseSsoSettings, savedSection, sectionName } from './sso_settings.js';

/** Whoever may change these settings in the console (Mattermost puts every OAuth service under authentication_openid). */
const TEST_PERMISSIONS = ['manage_system', 'sysconsole_write_authentication_openid'];

const failed = (id: string, message: string): AppError => new AppError(`api.sso.test_connection.${id}.app_error`, message, 400);

/**
 * Parley's POST /sso/{service}/test: whether the console's draft settings for a service reach a provider, before they
 * are saved. With a discovery document (OpenID Connect) it must load and name its endpoints; for classic OAuth the
 * authorization, token and user API endpoints must each answer HTTP (any status: they are not called with a grant).
 */
export class SsoConnectionTest {
  constructor(private readonly deps: AppDeps, private readonly permissions: Permissions) {}

  async run(actor: Actor, service: string, draft: JsonObject): Promise<void> {
    requireAnySystem(this.permissions, actor, TEST_PERMISSIONS);
    if (!isSsoService(service)) throw badUrlParam('service');
    // The section itself, or a document holding it ({"OpenIdSettings": {...}}), as the console may send either.
    const wrapped = draft[sectionName(service)];
    const section = isObject(wrapped) ? wrapped : draft;
    for (const [key, value] of Object.entries(section)) {
      if (value !== null && typeof value === 'object') throw badBodyParam(key);
    }
    const settings = parseSsoSettings({ ...savedSection(this.deps.liveConfig.document, service), ...section });
    const discovery = discoveryUrl(service, settings);
    if (discovery) {
      try {
        await discover(service, settings, discovery);
        return;
      } catch (err) {
        if (err instanceof AppError) throw failed('discovery', err.message);
        throw failed('discovery', err instanceof ProviderUnavailable ? err.message : describe(err));
      }
    }
    if (service === 'openid') throw failed('discovery', 'An OpenID Connect provider needs its discovery endpoint.');
    const endpoints = [['authorization endpoint', settings.authEndpoint], ['token endpoint', settings.tokenEndpoint], ['user API endpoint', settings.userApiEndpoint]] as const;
    for (const [what, value] of endpoints) {
      if (!value) throw failed('endpoint', `The ${what} is required.`);
      await answers(what, value);
    }
  }
}

/** Passes when `value` is an http(s) URL that answers a GET with any HTTP status within the timeout. */
async function answers(what: string, value: string): Promise<void> {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw failed('endpoint', `The ${what} is not a URL.`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw failed('endpoint', `The ${what} is not an http(s) URL.`);
  try {
    const response = await fetch(url, { redirect: 'manual', signal: AbortSignal.timeout(PROVIDER_TIMEOUT_SECONDS * 1000) });
    await response.body?.cancel();
  } catch (err) {
    throw failed('endpoint', `The ${what} (${url.href}) did not answer: ${describe(err)}`);
  }
}
