import { Filter, type Entry } from 'ldapts';
import type { JsonObject } from '../../../config/document/paths.js';
import { AppError } from '../../../model/errors.js';
import type { AppDeps } from '../../deps.js';
import type { DirectoryAuthentication, DirectoryLogin, DirectorySignIn } from '../sign_in.js';
import type { ExternalAccounts } from '../external_accounts.js';
import { andFilters, LdapConnection, type FailureStatus } from './ldap_connection.js';
import { mappedAttributes, profileOf } from './ldap_profile.js';
import { checkLdapSettings, ldapSettingsOf, type LdapSettings } from './ldap_settings.js';

const ATTRIBUTE_NAME = /^[A-Za-z][A-Za-z0-9-]*(;[A-Za-z0-9-]+)*$|^[0-9]+(\.[0-9]+)+$/;

/**
 * `(attribute=value)` with the value escaped (RFC 4515): what a person types (`*`, `)(`, `\`) is matched literally,
 * never read as filter syntax. Attribute names come from the settings and must be names.
 */
export function equalityFilter(attribute: string, value: string, status: FailureStatus): string {
  if (!ATTRIBUTE_NAME.test(attribute)) throw new AppError('ent.ldap.validate_filter.app_error', `Invalid AD/LDAP attribute name: ${attribute}`, status);
  return `(${attribute}=${Filter.escape(value)})`;
}

/** The saved LdapSettings, read at use (the document changes at runtime). */
export function savedLdapSettings(deps: AppDeps): LdapSettings {
  return ldapSettingsOf(deps.liveConfig.document.LdapSettings as unknown as JsonObject);
}

/** Whether the admin filter decides the person's system admin role: only when it is on and set. */
export const adminFilterOf = (settings: LdapSettings): string | undefined =>
  (settings.enableAdminFilter && settings.adminFilter !== '' ? settings.adminFilter : undefined);

/**
 * Sign-in through AD/LDAP (users.ts asks it for directory accounts and for names no account has): finds the entry
 * with the service bind, within UserFilter, by LoginIdAttribute (or, for what looks like an address, also by
 * EmailAttribute) or by IdAttribute for a known account; binds as that entry with the password; then the account is
 * found, linked or created by ExternalAccounts, with the admin role AdminFilter gives.
 */
export class LdapLogin implements DirectoryLogin {
  constructor(private readonly deps: AppDeps, private readonly accounts: ExternalAccounts) {}

  enabled(): boolean {
    return savedLdapSettings(this.deps).enable;
  }

  maximumAttempts(): number {
    return savedLdapSettings(this.deps).maximumLoginAttempts;
  }

  async signIn(who: { loginId: string } | { authData: string }, password: string): Promise<DirectorySignIn> {
    const outcome = await this.authenticate(who, password);
    return typeof outcome === 'string' ? outcome : { user: await this.accounts.account(outcome.profile, { create: true }) };
  }

  async authenticate(who: { loginId: string } | { authData: string }, password: string): Promise<DirectoryAuthentication> {
    // users.ts refuses an empty password first; this guard stays so no caller can make an unauthenticated bind.
    if (password === '') return 'wrong_password';
    const settings = savedLdapSettings(this.deps);
    checkLdapSettings(settings, 503);
    const wanted = 'authData' in who ? who.authData : who.loginId;
    if (wanted === '') return 'unknown';
    const connection = await LdapConnection.open(settings, 503);
    let entry: Entry;
    let systemAdmin: boolean | undefined;
    try {
      const found = await connection.search(andFilters(503, this.whoFilter(settings, who), settings.userFilter), mappedAttributes(settings), 2);
      // Two entries for one name: refuse rather than guess whose password this is.
      if (found.length !== 1) {
        if (found.length > 1) this.deps.log.warn({ login: wanted }, 'AD/LDAP login matched more than one entry');
        return 'unknown';
      }
      entry = found[0];
      const adminFilter = adminFilterOf(settings);
      if (adminFilter !== undefined) systemAdmin = await connection.matches(entry.dn, andFilters(503, adminFilter));
      if (!await connection.bindAs(entry.dn, password)) return 'wrong_password';
    } finally {
      await connection.close();
    }
    return { profile: profileOf(entry, settings, systemAdmin) };
  }

  private whoFilter(settings: LdapSettings, who: { loginId: string } | { authData: string }): string {
    if ('authData' in who) return equalityFilter(settings.idAttribute, who.authData, 503);
    const byLogin = equalityFilter(settings.loginIdAttribute, who.loginId, 503);
    if (!who.loginId.includes('@') || settings.emailAttribute.toLowerCase() === settings.loginIdAttribute.toLowerCase()) return byLogin;
    return `(|${byLogin}${equalityFilter(settings.emailAttribute, who.loginId, 503)})`;
  }
}
