import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser, newClient, raw, startTestServer, type TestServer, type TestUser } from '../../harness.js';

let server: TestServer;
let admin: TestUser;
let member: TestUser;

beforeAll(async () => {
  server = await startTestServer();
  admin = await createUser(server, 'webadmin');
  member = await createUser(server, 'webmember');
});
afterAll(async () => server?.close());

describe('what the official web app reads at start', () => {
  it('ndjson answers carry exactly application/x-ndjson, so Client4 parses them', async () => {
    const res = await raw(server, 'GET', '/users/me/channel_members?page=-1', { token: member.token });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/x-ndjson');
    const members = await member.client.getAllChannelsMembers(member.user.id);
    expect(Array.isArray(members)).toBe(true);
  });

  it('GET /plugins answers empty lists to admins only', async () => {
    expect(await admin.client.getPlugins()).toEqual({ active: [], inactive: [] });
    expect((await raw(server, 'GET', '/plugins', { token: member.token })).status).toBe(403);
    expect((await raw(server, 'GET', '/plugins/statuses', { token: admin.token })).body).toEqual([]);
    expect((await raw(server, 'GET', '/plugins/webapp', { token: admin.token })).body).toEqual([]);
  });

  it('the client license describes Parley\'s features; identifying fields only for admins', async () => {
    const full = await admin.client.getClientLicenseOld();
    expect(full).toMatchObject({
      IsLicensed: 'true', IsTrial: 'false', CustomPermissionsSchemes: 'true', Cluster: 'true', Metrics: 'true',
      LDAP: 'true', SAML: 'true', MFA: 'true', GoogleOAuth: 'true', Office365OAuth: 'true', OpenId: 'true', LDAPGroups: 'false', SkuShortName: 'enterprise',
    });
    expect(full.Id).toBe('parley');
    expect(Number(full.ExpiresAt)).toBeGreaterThan(Date.now());
    const anonymous = await newClient(server).getClientLicenseOld();
    expect(anonymous.IsLicensed).toBe('true');
    expect(anonymous.Id).toBeUndefined();
    expect(anonymous.ExpiresAt).toBeUndefined();
    expect((await raw(server, 'GET', '/license/client')).status).toBe(400);
    expect((await raw(server, 'GET', '/license/client?format=new')).status).toBe(400);
  });

  it('trial licenses: none before, none to start', async () => {
    expect(await admin.client.getPrevTrialLicense()).toEqual({ IsLicensed: 'false' });
    expect((await raw(server, 'GET', '/trial-license/prev', { token: member.token })).status).toBe(403);
    const trial = await raw(server, 'POST', '/trial-license', { token: admin.token, body: { users: 10 } });
    expect(trial.status).toBe(400);
    expect(trial.body.id).toBe('api.license.request-trial.can-start-trial.not-allowed');
    expect((await raw(server, 'POST', '/trial-license', { token: member.token, body: {} })).status).toBe(403);
  });

  it('ping with get_server_status reports the database and file store, as body and headers', async () => {
    const res = await raw(server, 'GET', '/system/ping?get_server_status=true', { token: admin.token });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ status: 'OK', database_status: 'OK', filestore_status: 'OK', ActiveSearchBackend: 'database', AndroidLatestVersion: '' });
    expect(typeof res.body.root_status).toBe('boolean');
    expect(res.headers.get('database_status')).toBe('OK');
    const anonymous = await raw(server, 'GET', '/system/ping?get_server_status=true');
    expect(anonymous.body.root_status).toBeUndefined();
    expect((await raw(server, 'GET', '/system/ping')).body.database_status).toBeUndefined();
  });
});
