import type { Entry } from 'ldapts';
import type { ExternalProfile } from '../external_accounts.js';
import type { LdapSettings } from './ldap_settings.js';

/** The attributes a sign-in or sync reads (those the settings map). */
export function mappedAttributes(settings: LdapSettings): string[] {
  const names = [settings.idAttribute, settings.loginIdAttribute, settings.usernameAttribute, settings.emailAttribute,
    settings.firstNameAttribute, settings.lastNameAttribute, settings.nicknameAttribute, settings.positionAttribute];
  return [...new Set(names.filter((name) => name !== ''))];
}

/** An attribute's first value as text ('' when absent); a binary id (AD's objectGUID) as hex. */
export function firstValue(entry: Entry, attribute: string): string {
  // Attribute names are case-insensitive in LDAP; the server answers with its own spelling.
  const key = Object.keys(entry).find((name) => name.toLowerCase() === attribute.toLowerCase());
  if (key === undefined || key === 'dn') return '';
  const value = entry[key];
  const first = Array.isArray(value) ? value[0] : value;
  if (first === undefined) return '';
  return Buffer.isBuffer(first) ? first.toString('hex') : first.trim();
}

/**
 * The person an entry describes. Names, nickname and position are only given when their attribute is mapped, so
 * an unmapped one leaves what the user set alone; a mapped one the entry lacks clears it, as upstream. The
 * organisation's directory vouches for the address.
 */
export function profileOf(entry: Entry, settings: LdapSettings, systemAdmin: boolean | undefined): ExternalProfile {
  const mapped = (attribute: string): string | undefined => (attribute === '' ? undefined : firstValue(entry, attribute));
  return {
    service: 'ldap',
    authData: firstValue(entry, settings.idAttribute),
    email: firstValue(entry, settings.emailAttribute),
    emailVerified: true,
    username: firstValue(entry, settings.usernameAttribute),
    firstName: mapped(settings.firstNameAttribute),
    lastName: mapped(settings.lastNameAttribute),
    nickname: mapped(settings.nicknameAttribute),
    position: mapped(settings.positionAttribute),
    systemAdmin,
  };
}
