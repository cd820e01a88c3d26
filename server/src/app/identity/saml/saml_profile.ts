import type { Profile } from '@node-saml/node-saml';
import type { AdminConfig } from '@mattermost/types/config';
import { AppError } from '../../../model/errors.js';
import type { ExternalProfile } from '../external_accounts.js';

type SamlSettings = AdminConfig['SamlSettings'];

const missing = (what: string, attribute: string): AppError =>
  new AppError('ent.saml.attribute.app_error', `SAML login was unsuccessful because the ${what} attribute (${attribute}) is missing or empty.`, 400);

/** The values of attribute `name` in a verified assertion, as strings (an attribute may carry several). */
export function attributeValues(profile: Profile, name: string): string[] {
  if (!name) return [];
  const attributes = profile.attributes;
  if (!attributes || typeof attributes !== 'object' || !Object.hasOwn(attributes, name)) return [];
  const value = (attributes as Record<string, unknown>)[name];
  const list = Array.isArray(value) ? value : [value];
  return list.filter((item): item is string => typeof item === 'string').map((item) => item.trim()).filter(Boolean);
}

const first = (profile: Profile, name: string): string | undefined => attributeValues(profile, name)[0];

/**
 * Whether the assertion makes the person a system admin: AdminAttribute is `name=value` (any of the attribute's
 * values may match); undefined when EnableAdminAttribute is off, so roles are left as they are.
 */
function adminOf(profile: Profile, settings: SamlSettings): boolean | undefined {
  if (!settings.EnableAdminAttribute) return undefined;
  const [name, ...rest] = settings.AdminAttribute.split('=');
  const wanted = rest.join('=').trim();
  if (!name?.trim() || !wanted) return undefined;
  return attributeValues(profile, name.trim()).includes(wanted);
}

/**
 * The person a verified assertion describes, mapped through the attribute names of SamlSettings. Their id is the
 * IdAttribute's value, or the NameID without one; the IdP vouches for the address (an organisation's own IdP).
 */
export function externalProfileOf(profile: Profile, settings: SamlSettings): ExternalProfile {
  const nameId = profile.nameID?.trim() ?? '';
  const authData = settings.IdAttribute ? first(profile, settings.IdAttribute) : nameId;
  if (!authData) throw missing('id', settings.IdAttribute || 'NameID');
  const email = settings.EmailAttribute ? first(profile, settings.EmailAttribute) : nameId.includes('@') ? nameId : undefined;
  if (!email) throw missing('email', settings.EmailAttribute || 'NameID');
  return {
    service: 'saml',
    authData,
    email,
    emailVerified: true,
    username: first(profile, settings.UsernameAttribute),
    firstName: first(profile, settings.FirstNameAttribute),
    lastName: first(profile, settings.LastNameAttribute),
    nickname: first(profile, settings.NicknameAttribute),
    position: first(profile, settings.PositionAttribute),
    locale: first(profile, settings.LocaleAttribute),
    systemAdmin: adminOf(profile, settings),
  };
}
