import { createUser, raw, startTestServer, unique, type TestServer, type TestUser } from '../../harness.js';
import { BASE_DN, ROOT_DN, ROOT_PASSWORD, startSlapd, type Person, type Slapd } from '../../slapd.js';

// Shared by the LDAP tests: the settings that point a test server at a test slapd, and people with unique names.

export const PASSWORD = 'directory-pass-1';
export const INVALID = 'api.user.login.invalid_credentials_email_username';
export const LOCKED = 'api.user.check_user_login_attempts.too_many.app_error';
export const UNABLE = 'ent.ldap.do_login.unable_to_connect.app_error';

let employee = 1000;

/** A person with unique uid, address and employee number. */
export function person(prefix: string, extra: Partial<Person> = {}): Person {
  const uid = unique(prefix).toLowerCase().slice(0, 24);
  employee += 1;
  return {
    uid, password: PASSWORD, mail: `${uid}@corp.test`, givenName: `Given${uid}`, sn: `Surname${uid}`,
    employeeNumber: `E${employee}${Math.floor(Math.random() * 1e6)}`, title: 'Engineer', ...extra,
  };
}

/** LdapSettings for `slapd`, with the usual inetOrgPerson mapping. */
export function ldapSettings(slapd: Slapd, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    Enable: true, LdapServer: '127.0.0.1', LdapPort: slapd.port, ConnectionSecurity: '', BaseDN: BASE_DN,
    BindUsername: ROOT_DN, BindPassword: ROOT_PASSWORD, UserFilter: '(objectClass=inetOrgPerson)',
    IdAttribute: 'employeeNumber', LoginIdAttribute: 'uid', UsernameAttribute: 'uid', EmailAttribute: 'mail',
    FirstNameAttribute: 'givenName', LastNameAttribute: 'sn', PositionAttribute: 'title', NicknameAttribute: 'displayName',
    MaximumLoginAttempts: 3, QueryTimeout: 5, EnableAdminFilter: false, AdminFilter: '', ...extra,
  };
}

/** Saves LdapSettings through the config API, as an administrator would. */
export async function saveLdapSettings(server: TestServer, admin: TestUser, settings: Record<string, unknown>): Promise<void> {
  const res = await raw(server, 'PUT', '/config/patch', { token: admin.token, body: { LdapSettings: settings } });
  if (res.status !== 200) throw new Error(`config not saved: ${res.status} ${JSON.stringify(res.body)}`);
}

export const login = (server: TestServer, loginId: string, password: string, extra: Record<string, string> = {}) =>
  raw(server, 'POST', '/users/login', { body: { login_id: loginId, password, ...extra } });

/** A slapd, and a Parley server an admin pointed at it. */
export interface LdapWorld {
  slapd: Slapd;
  server: TestServer;
  admin: TestUser;
  close(): Promise<void>;
}

export async function startLdapWorld(adminPrefix: string): Promise<LdapWorld> {
  const slapd = await startSlapd();
  const server = await startTestServer();
  const admin = await createUser(server, adminPrefix);
  await saveLdapSettings(server, admin, ldapSettings(slapd));
  return {
    slapd, server, admin,
    close: async () => {
      await server.close();
      await slapd.close();
    },
  };
}
