import { isObject, type JsonObject } from '../../../config/document/paths.js';
import type { ConfigDocument } from '../../../config/document/compose.js';
import { AppError } from '../../../model/errors.js';

/** The OAuth 2.0 / OpenID Connect sign-in services, by Mattermost's auth_service names. */
export const SSO_SERVICES = ['gitlab', 'google', 'office365', 'openid'] as const;
export type SsoService = typeof SSO_SERVICES[number];

export const isSsoService = (value: string): value is SsoService => (SSO_SERVICES as readonly string[]).includes(value);

/** Where each service's settings live in the config document. */
const SECTIONS = {
  gitlab: 'GitLabSettings', google: 'GoogleSettings', office365: 'Office365Settings', openid: 'OpenIdSettings',
} as const satisfies Record<SsoService, keyof ConfigDocument>;

/** One service's section, with only what sign-in reads (every field a plain value, whatever the document held). */
export interface SsoSettings {
  enable: boolean;
  id: string;
  secret: string;
  scope: string;
  authEndpoint: string;
  tokenEndpoint: string;
  userApiEndpoint: string;
  discoveryEndpoint: string;
  usePreferredUsername: boolean;
  /** Office 365's tenant; '' elsewhere. */
  directoryId: string;
}

const text = (section: JsonObject, key: string): string => {
  const value = section[key];
  return typeof value === 'string' ? value.trim() : '';
};

/** The settings of `service` from a section of the config document (saved, or the console's draft over it). */
export function parseSsoSettings(section: JsonObject): SsoSettings {
  return {
    enable: section.Enable === true,
    id: text(section, 'Id'),
    secret: typeof section.Secret === 'string' ? section.Secret : '',
    scope: text(section, 'Scope'),
    authEndpoint: text(section, 'AuthEndpoint'),
    tokenEndpoint: text(section, 'TokenEndpoint'),
    userApiEndpoint: text(section, 'UserAPIEndpoint'),
    discoveryEndpoint: text(section, 'DiscoveryEndpoint'),
    usePreferredUsername: section.UsePreferredUsername === true,
    directoryId: text(section, 'DirectoryId'),
  };
}

/** The saved section of `service`, as a JSON object. */
export function savedSection(document: ConfigDocument, service: SsoService): JsonObject {
  const section: unknown = document[SECTIONS[service]];
  return isObject(section) ? section : {};
}

export const sectionName = (service: SsoService): string => SECTIONS[service];

/**
 * Where the service's OpenID Connect discovery document is, or '' for classic OAuth 2.0 (authorization, token and
 * user API endpoints set one by one). As Mattermost: a service whose Scope asks for `openid` is OpenID Connect; Google
 * and Office 365 have well-known documents, the others must name theirs.
 */
export function discoveryUrl(service: SsoService, settings: SsoSettings): string {
  if (settings.discoveryEndpoint) return settings.discoveryEndpoint;
  const openid = settings.scope.split(/\s+/).includes('openid');
  if (service === 'openid') return '';
  if (!openid) return '';
  if (service === 'google') return 'https://accounts.google.com/.well-known/openid-configuration';
  if (service === 'office365' && settings.directoryId) {
    return `https://login.microsoftonline.com/${encodeURIComponent(settings.directoryId)}/v2.0/.well-known/openid-configuration`;
  }
  return '';
}

/** Whether this service speaks OpenID Connect (an ID token with a nonce comes back) rather than plain OAuth 2.0. */
export const isOpenIdConnect = (service: SsoService, settings: SsoSettings): boolean =>
  service === 'openid' || discoveryUrl(service, settings) !== '';

export const unsupported = (service: string): AppError => new AppError('api.user.authorize_oauth_user.unsupported.app_error',
  `Unsupported OAuth service provider: ${service}.`, 501);

export const endpointMissing = (service: string, what: string): AppError => new AppError('api.user.get_authorization_code.endpoint.app_error',
  `The ${service} single sign-on settings are incomplete: ${what}.`, 501);
