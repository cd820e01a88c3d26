import { isObject, type JsonObject } from '../../../config/document/paths.js';
import { MASKED } from '../../../config/document/secrets.js';
import { AppError, badBodyParam } from '../../../model/errors.js';

/** The LdapSettings the directory code uses, checked and typed (Mattermost's key names, read at use time). */
export interface LdapSettings {
  enable: boolean;
  enableSync: boolean;
  server: string;
  port: number;
  security: '' | 'TLS' | 'STARTTLS';
  skipCertificateVerification: boolean;
  bindUsername: string;
  bindPassword: string;
  baseDN: string;
  userFilter: string;
  adminFilter: string;
  enableAdminFilter: boolean;
  idAttribute: string;
  loginIdAttribute: string;
  usernameAttribute: string;
  emailAttribute: string;
  firstNameAttribute: string;
  lastNameAttribute: string;
  nicknameAttribute: string;
  positionAttribute: string;
  /** Milliseconds an operation (connect, bind, search) may take. */
  timeoutMs: number;
  /** Entries per page of a paged search; 0 = no paging control. */
  maxPageSize: number;
  maximumLoginAttempts: number;
  syncIntervalMinutes: number;
}

const DEFAULT_TIMEOUT_S = 60;

const str = (doc: JsonObject, key: string): string => (typeof doc[key] === 'string' ? (doc[key] as string).trim() : '');
const num = (doc: JsonObject, key: string, fallback: number): number => {
  const value = Number(doc[key]);
  return Number.isFinite(value) ? value : fallback;
};

/** Settings from an LdapSettings object (the saved document's, or a console form's). */
export function ldapSettingsOf(doc: JsonObject): LdapSettings {
  const security = str(doc, 'ConnectionSecurity').toUpperCase();
  const usernameAttribute = str(doc, 'UsernameAttribute');
  const timeoutS = num(doc, 'QueryTimeout', DEFAULT_TIMEOUT_S);
  return {
    enable: doc.Enable === true,
    enableSync: doc.EnableSync === true,
    server: str(doc, 'LdapServer'),
    port: Math.trunc(num(doc, 'LdapPort', 0)) || (security === 'TLS' ? 636 : 389),
    security: security === 'TLS' || security === 'STARTTLS' ? security : '',
    skipCertificateVerification: doc.SkipCertificateVerification === true,
    bindUsername: str(doc, 'BindUsername'),
    bindPassword: typeof doc.BindPassword === 'string' ? doc.BindPassword : '',
    baseDN: str(doc, 'BaseDN'),
    userFilter: str(doc, 'UserFilter'),
    adminFilter: str(doc, 'AdminFilter'),
    enableAdminFilter: doc.EnableAdminFilter === true,
    idAttribute: str(doc, 'IdAttribute'),
    // What people type; Mattermost falls back to the username attribute when it is unset.
    loginIdAttribute: str(doc, 'LoginIdAttribute') || usernameAttribute,
    usernameAttribute,
    emailAttribute: str(doc, 'EmailAttribute'),
    firstNameAttribute: str(doc, 'FirstNameAttribute'),
    lastNameAttribute: str(doc, 'LastNameAttribute'),
    nicknameAttribute: str(doc, 'NicknameAttribute'),
    positionAttribute: str(doc, 'PositionAttribute'),
    timeoutMs: (timeoutS > 0 ? timeoutS : DEFAULT_TIMEOUT_S) * 1000,
    maxPageSize: Math.max(0, Math.trunc(num(doc, 'MaxPageSize', 0))),
    maximumLoginAttempts: Math.max(0, Math.trunc(num(doc, 'MaximumLoginAttempts', 10))),
    syncIntervalMinutes: Math.max(1, Math.trunc(num(doc, 'SyncIntervalMinutes', 60))),
  };
}

/**
 * A console form's settings (POST /ldap/test_connection), what it leaves out taken from the saved ones. The masked
 * bind password means the saved one, but only for the same server and bind user: otherwise it must be typed again,
 * so a form cannot send the saved password to a server of its choosing.
 */
export function draftLdapSettings(form: unknown, saved: JsonObject): LdapSettings {
  if (!isObject(form)) throw badBodyParam('settings');
  const merged: JsonObject = { ...saved, ...form };
  if (form.BindPassword === undefined || form.BindPassword === MASKED) {
    const sameAccount = merged.LdapServer === saved.LdapServer && String(merged.LdapPort) === String(saved.LdapPort)
      && merged.BindUsername === saved.BindUsername;
    if (!sameAccount && saved.BindPassword !== '') {
      throw new AppError('ent.ldap.test_connection.reenter_password',
        'The AD/LDAP server, port or bind username has changed. Enter the bind password again to test the connection.', 400);
    }
    merged.BindPassword = saved.BindPassword;
  }
  return ldapSettingsOf(merged);
}

/** The settings a sign-in or sync needs, each named by Mattermost's config validation error when missing. */
export function checkLdapSettings(settings: LdapSettings, status: number): void {
  const required: [string, string, string][] = [
    [settings.server, 'ldap_server', 'AD/LDAP Server'],
    [settings.baseDN, 'ldap_basedn', 'BaseDN'],
    [settings.idAttribute, 'ldap_id', 'ID Attribute'],
    [settings.usernameAttribute, 'ldap_username', 'Username Attribute'],
    [settings.emailAttribute, 'ldap_email', 'Email Attribute'],
  ];
  for (const [value, key, label] of required) {
    if (value === '') throw new AppError(`model.config.is_valid.${key}.app_error`, `AD/LDAP field "${label}" is required.`, status);
  }
}
