import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ldapRequestDuration } from '../../../src/metrics/registry.js';
import { createUser, raw, type TestServer, type TestUser } from '../../harness.js';
import { freePort, type Slapd } from '../../slapd.js';
import { INVALID, LOCKED, PASSWORD, UNABLE, login, person, saveLdapSettings, startLdapWorld, type LdapWorld } from './ldap_fixtures.js';

let slapd: Slapd;
let server: TestServer;
let admin: TestUser;
let world: LdapWorld;

beforeAll(async () => {
  world = await startLdapWorld('ldapadmin');
  ({ slapd, server, admin } = world);
});
afterAll(() => world?.close());

async function ldapBinds(result: string): Promise<number> {
  const { values } = await ldapRequestDuration.get();
  return values.find((v) => v.metricName === 'parley_ldap_requests_seconds_count' && v.labels.operation === 'bind' && v.labels.result === result)?.value ?? 0;
}

describe('AD/LDAP sign-in', () => {
  it('creates the account on a first login by LDAP username, with the mapped attributes', async () => {
    const alice = person('alice', { displayName: 'Ali' });
    await slapd.addPeople([alice]);
    const res = await login(server, alice.uid, PASSWORD);
    expect(res.status).toBe(200);
    expect(res.headers.get('token')).toBeTruthy();
    expect(res.body).toMatchObject({
      username: alice.uid, email: alice.mail, first_name: alice.givenName, last_name: alice.sn, nickname: 'Ali', position: 'Engineer',
      auth_service: 'ldap', auth_data: alice.employeeNumber,
    });
    expect(res.body.roles.split(' ')).not.toContain('system_admin');
  });

  it('creates the account on a first login by email address', async () => {
    const erin = person('erin');
    await slapd.addPeople([erin]);
    const res = await login(server, erin.mail, PASSWORD);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ username: erin.uid, email: erin.mail, auth_service: 'ldap', auth_data: erin.employeeNumber });
    // The same account afterwards, by either name.
    expect((await login(server, erin.uid, PASSWORD)).body.id).toBe(res.body.id);
  });

  it('updates changed attributes on the next login, keeping the account', async () => {
    const dave = person('dave');
    await slapd.addPeople([dave]);
    const first = await login(server, dave.uid, PASSWORD);
    expect(first.status).toBe(200);
    await slapd.modify(dave.uid, { title: 'Director', givenName: 'David', mail: `new-${dave.mail}` });
    const second = await login(server, dave.uid, PASSWORD);
    expect(second.status).toBe(200);
    expect(second.body).toMatchObject({ id: first.body.id, position: 'Director', first_name: 'David', email: `new-${dave.mail}` });
  });

  it('refuses a wrong password and an unknown user alike, and locks after MaximumLoginAttempts', async () => {
    const frank = person('frank');
    await slapd.addPeople([frank]);
    expect((await login(server, frank.uid, PASSWORD)).status).toBe(200);
    const rejectedBefore = await ldapBinds('rejected');
    for (let i = 0; i < 3; i++) {
      const wrong = await login(server, frank.uid, `wrong-${i}`);
      expect([wrong.status, wrong.body.id]).toEqual([401, INVALID]);
    }
    // Each wrong password was a real bind the directory refused.
    expect(await ldapBinds('rejected')).toBe(rejectedBefore + 3);
    const locked = await login(server, frank.uid, PASSWORD);
    expect([locked.status, locked.body.id]).toEqual([401, LOCKED]);

    const unknown = await login(server, 'nobody-in-the-directory', PASSWORD);
    expect([unknown.status, unknown.body.id]).toEqual([401, INVALID]);
  });

  it('never binds with an empty password', async () => {
    const gina = person('gina');
    await slapd.addPeople([gina]);
    const binds = await ldapBinds('ok');
    const res = await login(server, gina.uid, '');
    expect(res.status).toBe(401);
    expect(await ldapBinds('ok')).toBe(binds);
  });

  it('matches what is typed literally: wildcards and filter syntax in a login id match no other entry', async () => {
    const zed = person('zedunique');
    await slapd.addPeople([zed]);
    // Unescaped, each of these would select exactly zed's entry and the bind with zed's password would succeed.
    for (const hostile of [`${zed.uid.slice(0, 12)}*`, `*)(uid=${zed.uid}`, `*)(employeeNumber=${zed.employeeNumber}`, `${zed.uid.slice(0, 12)}\\2a`]) {
      const res = await login(server, hostile, PASSWORD);
      expect([hostile, res.status, res.body.id]).toEqual([hostile, 401, INVALID]);
    }
    expect((await login(server, zed.uid, PASSWORD)).status).toBe(200);
  });

  it('refuses a login id that names two entries rather than guess whose password it is', async () => {
    const first = person('twina');
    const second = person('twinb', { mail: first.mail });
    await slapd.addPeople([first, second]);
    const res = await login(server, first.mail, PASSWORD);
    expect([res.status, res.body.id]).toEqual([401, INVALID]);
    // By the unambiguous uid it works.
    expect((await login(server, first.uid, PASSWORD)).status).toBe(200);
  });

  it('makes users matching AdminFilter system admins, and takes the role back when they no longer match', async () => {
    const boss = person('boss', { departmentNumber: 'admins' });
    await slapd.addPeople([boss]);
    await saveLdapSettings(server, admin, { EnableAdminFilter: true, AdminFilter: '(departmentNumber=admins)' });
    try {
      const first = await login(server, boss.uid, PASSWORD);
      expect(first.status).toBe(200);
      expect(first.body.roles.split(' ')).toContain('system_admin');
      await slapd.modify(boss.uid, { departmentNumber: 'sales' });
      const second = await login(server, boss.uid, PASSWORD);
      expect(second.body.roles.split(' ')).not.toContain('system_admin');
    } finally {
      await saveLdapSettings(server, admin, { EnableAdminFilter: false, AdminFilter: '' });
    }
  });

  it('signs in only people UserFilter admits', async () => {
    const outsider = person('outsider', { departmentNumber: 'contractors' });
    const insider = person('insider', { departmentNumber: 'staff' });
    await slapd.addPeople([outsider, insider]);
    await saveLdapSettings(server, admin, { UserFilter: '(&(objectClass=inetOrgPerson)(departmentNumber=staff))' });
    try {
      expect((await login(server, outsider.uid, PASSWORD)).status).toBe(401);
      expect((await login(server, insider.uid, PASSWORD)).status).toBe(200);
    } finally {
      await saveLdapSettings(server, admin, { UserFilter: '(objectClass=inetOrgPerson)' });
    }
  });

  it('with ldap_only, signs in directory people but not password accounts', async () => {
    const hank = person('hank');
    await slapd.addPeople([hank]);
    expect((await login(server, hank.uid, PASSWORD, { ldap_only: 'true' })).status).toBe(200);
    const local = await createUser(server, 'localonly');
    const res = await login(server, local.user.username, local.password, { ldap_only: 'true' });
    expect([res.status, res.body.id]).toEqual([401, INVALID]);
    expect((await login(server, local.user.username, local.password)).status).toBe(200);
  });

  it('links a password account with the same address, which then signs in through the directory only', async () => {
    const local = await createUser(server, 'linked');
    const ivy = person('ivy', { mail: local.user.email });
    await slapd.addPeople([ivy]);
    const res = await login(server, ivy.uid, PASSWORD);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ id: local.user.id, username: local.user.username, auth_service: 'ldap', auth_data: ivy.employeeNumber });
    // The old password no longer works; the directory's does, by the account's own username too.
    expect((await login(server, local.user.username, local.password)).status).toBe(401);
    expect((await login(server, local.user.username, PASSWORD)).body.id).toBe(local.user.id);
  });

  it('does not take over an account that signs in another way (another provider) with the same address', async () => {
    const other = await createUser(server, 'gitlabber');
    const record = await server.app.deps.store.users.get(other.user.id);
    await server.app.deps.store.users.update({ ...record!, auth_service: 'gitlab', auth_data: `gl-${other.user.id}` });
    const jack = person('jack', { mail: other.user.email });
    await slapd.addPeople([jack]);
    const res = await login(server, jack.uid, PASSWORD);
    expect([res.status, res.body.id]).toEqual([400, 'api.user.create_oauth_user.already_attached.app_error']);
    expect((await server.app.deps.store.users.get(other.user.id))?.auth_service).toBe('gitlab');
  });

  it('answers ldap_only with 501 when AD/LDAP is off', async () => {
    await saveLdapSettings(server, admin, { Enable: false });
    try {
      const res = await login(server, 'whoever', PASSWORD, { ldap_only: 'true' });
      expect([res.status, res.body.id]).toEqual([501, 'api.user.login_ldap.disabled.app_error']);
    } finally {
      await saveLdapSettings(server, admin, { Enable: true });
    }
  });

  it('says the directory cannot be reached (503, not 500) when nothing listens', async () => {
    const closed = await freePort();
    await saveLdapSettings(server, admin, { LdapPort: closed });
    try {
      const res = await login(server, 'someone-new', PASSWORD);
      expect([res.status, res.body.id]).toEqual([503, UNABLE]);
    } finally {
      await saveLdapSettings(server, admin, { LdapPort: slapd.port });
    }
  });

  it('gives up after QueryTimeout when the directory accepts but never answers', async () => {
    const sockets = new Set<net.Socket>();
    const silent = net.createServer((socket) => sockets.add(socket));
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    await saveLdapSettings(server, admin, { LdapPort: (silent.address() as net.AddressInfo).port, QueryTimeout: 1 });
    try {
      const res = await login(server, 'someone-else', PASSWORD);
      expect([res.status, res.body.id]).toEqual([503, UNABLE]);
      expect(sockets.size).toBeGreaterThan(0);
    } finally {
      await saveLdapSettings(server, admin, { LdapPort: slapd.port, QueryTimeout: 5 });
      for (const socket of sockets) socket.destroy();
      silent.close();
    }
  });

  it('still signs in password accounts while AD/LDAP is on', async () => {
    const local = await createUser(server, 'pwstill');
    const res = await raw(server, 'POST', '/users/login', { body: { login_id: local.user.email, password: local.password } });
    expect(res.status).toBe(200);
    expect(res.body.auth_service).toBe('');
  });
});
