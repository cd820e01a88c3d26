import type { ExternalProfile } from '../external_accounts.js';
import type { SsoService } from './sso_settings.js';

type Json = Record<string, unknown>;

const str = (value: unknown): string => (typeof value === 'string' ? value.trim() : typeof value === 'number' && Number.isSafeInteger(value) ? String(value) : '');
const obj = (value: unknown): Json => (value !== null && typeof value === 'object' && !Array.isArray(value) ? value as Json : {});
const list = (value: unknown): Json[] => (Array.isArray(value) ? value.map(obj) : []);

/** "Ada King Lovelace" → Ada / King Lovelace, as Mattermost splits a provider's single name field. */
function splitName(name: string): { firstName: string; lastName: string } {
  const parts = name.split(/\s+/).filter(Boolean);
  return { firstName: parts[0] ?? '', lastName: parts.slice(1).join(' ') };
}

/** A username from `user@domain` (preferred_username is often an address). */
const localPart = (value: string): string => value.split('@')[0] ?? '';

/**
 * An OpenID Connect person (the ID token's claims with the userinfo answer over them). The id is `sub`, except for
 * Office 365, whose `sub` differs per application: there it is the directory object id `oid`, as Mattermost keys it.
 * The address counts as vouched for only when the provider says `email_verified: true`; Office 365 never does (Entra's
 * `email` is editable and unverified), so its accounts never take over a password account.
 */
export function openIdProfile(service: SsoService, claims: Json, usePreferredUsername: boolean): ExternalProfile {
  const email = str(claims.email);
  const preferred = str(claims.preferred_username);
  const name = splitName(str(claims.name));
  return {
    service,
    authData: service === 'office365' && str(claims.oid) ? str(claims.oid) : str(claims.sub),
    email,
    emailVerified: service !== 'office365' && claims.email_verified === true,
    username: usePreferredUsername && preferred ? localPart(preferred) : localPart(email),
    firstName: str(claims.given_name) || name.firstName,
    lastName: str(claims.family_name) || name.lastName,
    nickname: str(claims.nickname) || undefined,
    locale: str(claims.locale) || undefined,
  };
}

/**
 * GitLab's classic OAuth user (GET /api/v4/user): numeric id, username, email, name. GitLab answers a user about
 * themself with `confirmed_at`, set once the primary address was confirmed: that is what vouches for it.
 */
export function gitLabProfile(user: Json): ExternalProfile {
  // Id 0 is no user (as Mattermost checks); `login` stands in for a missing username, as there.
  return {
    service: 'gitlab',
    authData: str(user.id) === '0' ? '' : str(user.id),
    email: str(user.email),
    emailVerified: str(user.confirmed_at) !== '',
    username: str(user.username) || str(user.login),
    ...splitName(str(user.name)),
  };
}

/** Google's People API answer (names, emailAddresses, nicknames, metadata): the id is the profile source's id. */
export function googleProfile(person: Json): ExternalProfile {
  const sources = list(obj(person.metadata).sources);
  const id = str(sources.find((source) => str(source.type) === 'PROFILE')?.id) || str(sources[0]?.id) || str(person.resourceName).replace(/^people\//, '');
  const primary = <T extends Json>(items: T[]): T | undefined => items.find((item) => obj(item.metadata).primary === true) ?? items[0];
  const address = primary(list(person.emailAddresses));
  const name = primary(list(person.names)) ?? {};
  const nickname = primary(list(person.nicknames));
  const email = str(address?.value);
  return {
    service: 'google',
    authData: id,
    email,
    emailVerified: obj(address?.metadata).verified === true,
    username: localPart(email),
    firstName: str(name.givenName),
    lastName: str(name.familyName),
    nickname: nickname ? str(nickname.value) : undefined,
  };
}

/** Microsoft Graph's /me (id, mail or userPrincipalName, givenName, surname, displayName): never a vouched-for address. */
export function office365Profile(me: Json, usePreferredUsername: boolean): ExternalProfile {
  const email = str(me.mail) || str(me.userPrincipalName);
  const name = splitName(str(me.displayName));
  return {
    service: 'office365',
    authData: str(me.id),
    email,
    emailVerified: false,
    username: localPart(usePreferredUsername && str(me.userPrincipalName) ? str(me.userPrincipalName) : email),
    firstName: str(me.givenName) || name.firstName,
    lastName: str(me.surname) || name.lastName,
  };
}

/** The person a classic OAuth 2.0 service's user API describes. */
export function oauthProfile(service: SsoService, user: Json, usePreferredUsername: boolean): ExternalProfile {
  switch (service) {
    case 'gitlab': return gitLabProfile(user);
    case 'google': return googleProfile(user);
    case 'office365': return office365Profile(user, usePreferredUsername);
    case 'openid': return openIdProfile(service, user, usePreferredUsername);
  }
}
