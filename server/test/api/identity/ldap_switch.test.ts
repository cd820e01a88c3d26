import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser, newClient, raw, type TestServer } from '../../harness.js';
import type { Slapd } from '../../slapd.js';
import { PASSWORD, login, person, startLdapWorld, type LdapWorld } from './ldap_fixtures.js';

let slapd: Slapd;
let server: TestServer;
let world: LdapWorld;

beforeAll(async () => {
  world = await startLdapWorld('switchadmin');
  ({ slapd, server } = world);
});
afterAll(() => world?.close());

const switchAccount = (body: object, token?: string) => raw(server, 'POST', '/users/login/switch', { token, body });

describe('moving between a password and AD/LDAP (POST /users/login/switch, as Client4 sends it)', () => {
  it('moves a password account to its directory entry once both passwords are proved, keeping the account', async () => {
    const user = await createUser(server, 'tosdir');
    // The directory knows the person under another address: the switch, not the address, decides which account.
    const entry = person('dirmove', { mail: `elsewhere-${Date.now()}@corp.test` });
    await slapd.addPeople([entry]);
    const base = { current_service: 'email', new_service: 'ldap', email: user.user.email, ldap_id: entry.uid };

    expect((await switchAccount({ ...base, password: 'not-my-password', new_password: PASSWORD })).status).toBe(401);
    const wrongDirectory = await switchAccount({ ...base, password: user.password, new_password: 'not-the-directory-password' });
    expect([wrongDirectory.status, wrongDirectory.body.id]).toEqual([401, 'ent.ldap.do_login.invalid_password.app_error']);

    const moved = await switchAccount({ ...base, password: user.password, new_password: PASSWORD });
    expect(moved.status).toBe(200);
    expect(moved.body).toEqual({ follow_link: '/login?extra=signin_change' });
    expect((await raw(server, 'GET', '/users/me', { token: user.token })).status).toBe(401);
    expect((await login(server, user.user.username, user.password)).status).toBe(401);
    const signedIn = await login(server, entry.uid, PASSWORD);
    expect(signedIn.status).toBe(200);
    expect(signedIn.body).toMatchObject({ id: user.user.id, auth_service: 'ldap', auth_data: entry.employeeNumber });
  });

  it('refuses a directory entry another account already signs in as', async () => {
    const entry = person('taken');
    await slapd.addPeople([entry]);
    expect((await login(server, entry.uid, PASSWORD)).status).toBe(200);
    const user = await createUser(server, 'latecomer');
    const refused = await switchAccount({ current_service: 'email', new_service: 'ldap', email: user.user.email, password: user.password, ldap_id: entry.uid, new_password: PASSWORD });
    expect([refused.status, refused.body.id]).toEqual([400, 'app.user.update_auth_data.duplicate.app_error']);
  });

  it('moves a directory account back to a password with the directory password (Client4.switchLdapToEmail), no session needed', async () => {
    const entry = person('dirback');
    await slapd.addPeople([entry]);
    const first = await login(server, entry.uid, PASSWORD);
    expect(first.status).toBe(200);
    const client = newClient(server);
    await expect(client.switchLdapToEmail('wrong-directory-password', entry.mail, 'a-password-of-my-own')).rejects.toMatchObject({ status_code: 401 });
    const moved = await client.switchLdapToEmail(PASSWORD, entry.mail, 'a-password-of-my-own');
    expect(moved).toEqual({ follow_link: '/login?extra=signin_change' });
    const byPassword = await login(server, entry.uid, 'a-password-of-my-own');
    expect(byPassword.status).toBe(200);
    expect([byPassword.body.id, byPassword.body.auth_service]).toEqual([first.body.id, '']);
  });
});
