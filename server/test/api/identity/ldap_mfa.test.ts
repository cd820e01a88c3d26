import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { totpCode } from '../../../src/app/identity/mfa/totp.js';
import { raw, type TestServer, type TestUser } from '../../harness.js';
import type { Slapd } from '../../slapd.js';
import { PASSWORD, login, person, startLdapWorld, type LdapWorld } from './ldap_fixtures.js';

let slapd: Slapd;
let server: TestServer;
let admin: TestUser;
let world: LdapWorld;

beforeAll(async () => {
  world = await startLdapWorld('ldapmfaadmin');
  ({ slapd, server, admin } = world);
  const enabled = await raw(server, 'PUT', '/config/patch', { token: admin.token, body: { ServiceSettings: { EnableMultifactorAuthentication: true } } });
  expect(enabled.status).toBe(200);
});
afterAll(() => world?.close());

describe('MFA on a directory account', () => {
  it('asks a directory account with MFA for its code after the directory checked the password', async () => {
    const entry = person('dirmfa');
    await slapd.addPeople([entry]);
    const first = await login(server, entry.uid, PASSWORD);
    expect(first.status).toBe(200);
    const token = first.headers.get('token') ?? '';
    const generated = await raw(server, 'POST', '/users/me/mfa/generate', { token });
    expect(generated.status).toBe(200);
    // Two codes of consecutive steps, taken away from a step boundary so both stay within the server's window.
    if (Date.now() % 30_000 > 26_000) await new Promise((r) => setTimeout(r, 4_500));
    const now = Date.now();
    const activated = await raw(server, 'PUT', '/users/me/mfa', { token, body: { activate: true, code: totpCode(generated.body.secret, now - 30_000) } });
    expect(activated.status).toBe(200);

    // A wrong directory password is refused as such, before any code is asked for.
    expect((await login(server, entry.uid, 'not-the-directory-password')).body.id).toBe('api.user.login.invalid_credentials_email_username');
    const withoutCode = await login(server, entry.uid, PASSWORD);
    expect([withoutCode.status, withoutCode.body.id]).toEqual([401, 'mfa.validate_token.authenticate.app_error']);
    const withCode = await login(server, entry.uid, PASSWORD, { token: totpCode(generated.body.secret, now) });
    expect(withCode.status).toBe(200);
    expect(withCode.body).toMatchObject({ auth_service: 'ldap', mfa_active: true });
  });
});
