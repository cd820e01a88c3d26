import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser, raw, startTestServer, type TestServer, type TestUser } from '../../harness.js';
import { startSlapd, type Slapd } from '../../slapd.js';
import { PASSWORD, UNABLE, ldapSettings, login, person, saveLdapSettings } from './ldap_fixtures.js';

// ConnectionSecurity against a slapd with a self-signed certificate: LDAPS on its own port, STARTTLS on the plain one.

let slapd: Slapd;
let server: TestServer;
let admin: TestUser;

beforeAll(async () => {
  slapd = await startSlapd([], { tls: true });
  server = await startTestServer();
  admin = await createUser(server, 'tlsadmin');
});
afterAll(async () => {
  await server?.close();
  await slapd?.close();
});

describe('AD/LDAP over TLS', () => {
  for (const [security, port] of [['TLS', () => slapd.tlsPort!], ['STARTTLS', () => slapd.port]] as const) {
    it(`${security}: signs in when certificate checks are skipped, refuses an untrusted certificate otherwise`, async () => {
      const someone = person(`tls${security.toLowerCase()}`);
      await slapd.addPeople([someone]);
      await saveLdapSettings(server, admin, ldapSettings(slapd, { LdapPort: port(), ConnectionSecurity: security, SkipCertificateVerification: false }));
      const refused = await login(server, someone.uid, PASSWORD);
      expect([refused.status, refused.body.id]).toEqual([503, UNABLE]);
      expect(refused.body.message).toMatch(/certificate/i);
      const test = await raw(server, 'POST', '/ldap/test', { token: admin.token });
      expect([test.status, test.body.id]).toEqual([400, UNABLE]);

      await saveLdapSettings(server, admin, { SkipCertificateVerification: true });
      const res = await login(server, someone.uid, PASSWORD);
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ username: someone.uid, auth_service: 'ldap' });
      expect((await raw(server, 'POST', '/ldap/test', { token: admin.token })).status).toBe(200);
    });
  }

  it('LDAPS against the plain port fails cleanly (no TLS there)', async () => {
    await saveLdapSettings(server, admin, ldapSettings(slapd, { LdapPort: slapd.port, ConnectionSecurity: 'TLS', SkipCertificateVerification: true, QueryTimeout: 2 }));
    const res = await login(server, 'anyone-at-all', PASSWORD);
    expect([res.status, res.body.id]).toEqual([503, UNABLE]);
  });
});
