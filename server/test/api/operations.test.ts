import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser, newClient, raw, startTestServer, type TestServer } from '../harness.js';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server?.close();
});

describe('what clients need to boot, and operations', () => {
  it('answers the old-format client config and license the official client reads', async () => {
    const client = newClient(server);
    const config = await client.getClientConfig();
    expect(config.Version).toMatch(/^\d+\.\d+\.\d+$/);
    expect(config.EnableReliableWebSockets).toBe('true');
    expect(config.MaxPostSize).toBe('16383');
    for (const value of Object.values(config)) expect(typeof value).toBe('string');
    // The license describes what Parley has: permission schemes and LDAP sign-in yes, LDAP groups not yet.
    const license = await client.getClientLicenseOld();
    expect(license.IsLicensed).toBe('true');
    expect(license.CustomPermissionsSchemes).toBe('true');
    expect(license.LDAP).toBe('true');
    expect(license.LDAPGroups).toBe('false');
  });

  it('returns roles with real permission lists and an empty webapp plugin list', async () => {
    const { client } = await createUser(server);
    const roles = await client.getRolesByNames(['system_user', 'team_user', 'channel_user', 'team_admin', 'no_such_role']);
    const byName = Object.fromEntries(roles.map((r) => [r.name, r]));
    expect(Object.keys(byName).sort()).toEqual(['channel_user', 'system_user', 'team_admin', 'team_user']);
    expect(byName.channel_user.permissions).toEqual(expect.arrayContaining(['create_post', 'read_channel', 'add_reaction', 'remove_reaction', 'upload_file', 'edit_post', 'delete_post', 'use_channel_mentions', 'use_slash_commands']));
    expect(byName.team_user.permissions).toEqual(expect.arrayContaining(['create_public_channel', 'create_private_channel', 'join_public_channels', 'list_team_channels', 'view_team']));
    expect(byName.system_user.permissions).toEqual(expect.arrayContaining(['create_direct_channel', 'create_group_channel', 'create_team']));
    expect(await client.getWebappPlugins()).toEqual([]);
  });

  it('reports database health on ping', async () => {
    const response = await raw(server, 'GET', '/system/ping?get_server_status=true');
    expect(response.status).toBe(200);
    expect(response.body.status).toBe('OK');
    expect(response.body.database_status).toBe('OK');
  });

  it('exposes Prometheus metrics with per-route latency on the metrics address', async () => {
    await raw(server, 'GET', '/system/ping');
    expect(server.metricsUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(server.metricsUrl).not.toBe(server.url);
    const response = await fetch(`${server.metricsUrl}/metrics`);
    const text = await response.text();
    expect(response.status).toBe(200);
    expect(text).toMatch(/parley_http_request_duration_seconds_bucket\{[^}]*route="\/api\/v4\/system\/ping"/);
    expect(text).toContain('parley_websocket_connections');
    expect(text).toContain('parley_posts_created_total');
    expect((await fetch(`${server.metricsUrl}/api/v4/system/ping`)).status).toBe(404);
  });

  it('does not serve metrics on the public port', async () => {
    const response = await fetch(`${server.url}/metrics`);
    expect(response.status).toBe(404);
    expect(await response.text()).not.toContain('parley_');
  });

  it('serves no metrics at all when they are turned off', async () => {
    const quiet = await startTestServer({ metricsEnable: false });
    try {
      expect(quiet.metricsUrl).toBeUndefined();
      expect((await fetch(`${quiet.url}/metrics`)).status).toBe(404);
    } finally {
      await quiet.close();
    }
  });

  it('starts without metrics when their address is taken', async () => {
    const taken = new URL(server.metricsUrl ?? '').host;
    const second = await startTestServer({ metricsListenAddress: taken });
    try {
      expect(second.metricsUrl).toBeUndefined();
      expect((await raw(second, 'GET', '/system/ping')).status).toBe(200);
    } finally {
      await second.close();
    }
  });

  it('carries a request id on every response, equal to the one in error bodies', async () => {
    const response = await raw(server, 'GET', '/users/me');
    expect(response.status).toBe(401);
    expect(response.headers.get('x-request-id')).toBe(response.body.request_id);
  });
});
