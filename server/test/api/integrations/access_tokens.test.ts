import type { AdminConfig } from '@mattermost/types/config';
import type { UserAccessToken } from '@mattermost/types/users';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser, newClient, raw, startTestServer, type TestServer, type TestUser } from '../../harness.js';
import { RawSocket, wsUrl, WsUser } from '../../ws_client.js';

let server: TestServer;
let admin: TestUser;
let ana: TestUser;
let bob: TestUser;

const setTokensEnabled = (on: boolean) => admin.client.patchConfig({ ServiceSettings: { EnableUserAccessTokens: on } } as Partial<AdminConfig>);
const status = (p: Promise<unknown>): Promise<number> => p.then(() => 200, (err: { status_code: number }) => err.status_code);
const me = (token: string) => raw(server, 'GET', '/users/me', { token });

beforeAll(async () => {
  server = await startTestServer();
  admin = await createUser(server, 'tokadmin');
  ana = await createUser(server, 'tokana');
  bob = await createUser(server, 'tokbob');
});
afterAll(async () => {
  await server?.close();
});

describe('personal access tokens', () => {
  it('answers 501 on every endpoint while EnableUserAccessTokens is off (the default)', async () => {
    const calls: [string, string, object?][] = [
      ['POST', `/users/${admin.user.id}/tokens`, { description: 'x' }], ['GET', `/users/${admin.user.id}/tokens`], ['GET', '/users/tokens'],
      ['GET', `/users/tokens/${admin.user.id}`], ['POST', '/users/tokens/revoke', { token_id: admin.user.id }],
      ['POST', '/users/tokens/disable', { token_id: admin.user.id }], ['POST', '/users/tokens/enable', { token_id: admin.user.id }],
      ['POST', '/users/tokens/search', { term: 'a' }],
    ];
    for (const [method, path, body] of calls) {
      const res = await raw(server, method, path, { token: admin.token, body });
      expect([path, res.status, res.body.id]).toEqual([path, 501, 'app.user_access_token.disabled']);
    }
    await setTokensEnabled(true);
  });

  it('needs create_user_access_token, which only admins and the system_user_access_token role hold', async () => {
    expect(await status(ana.client.createUserAccessToken(ana.user.id, 'mine'))).toBe(403);
    await admin.client.updateUserRoles(ana.user.id, 'system_user system_user_access_token');
    const created = await ana.client.createUserAccessToken(ana.user.id, 'deploy script');
    expect(created).toMatchObject({ user_id: ana.user.id, description: 'deploy script', is_active: true });
    expect(created.token).toMatch(/^[a-z0-9]{26}$/);
    // Shown once: listings and reads never carry the secret.
    const listed = await ana.client.getUserAccessTokensForUser(ana.user.id);
    expect(listed).toEqual([{ id: created.id, user_id: ana.user.id, description: 'deploy script', is_active: true }]);
    expect(await ana.client.getUserAccessToken(created.id)).not.toHaveProperty('token');
    // A description is required.
    expect((await raw(server, 'POST', `/users/${ana.user.id}/tokens`, { token: ana.token, body: { description: '  ' } })).status).toBe(400);
  });

  it('keeps one user out of another\'s tokens; an admin sees and searches them all', async () => {
    await admin.client.updateUserRoles(bob.user.id, 'system_user system_user_access_token');
    const anas = await ana.client.createUserAccessToken(ana.user.id, 'private');
    expect(await status(bob.client.createUserAccessToken(ana.user.id, 'for ana'))).toBe(403);
    expect(await status(bob.client.getUserAccessTokensForUser(ana.user.id))).toBe(403);
    expect(await status(bob.client.getUserAccessToken(anas.id))).toBe(403);
    for (const action of ['revoke', 'disable', 'enable']) {
      expect((await raw(server, 'POST', `/users/tokens/${action}`, { token: bob.token, body: { token_id: anas.id } })).status).toBe(403);
    }
    expect(await status(bob.client.getUserAccessTokens())).toBe(403);
    const search = (caller: TestUser) => raw(server, 'POST', '/users/tokens/search', { token: caller.token, body: { term: ana.user.username } });
    expect((await search(bob)).status).toBe(403);
    expect((await ana.client.getUserAccessToken(anas.id)).is_active).toBe(true);

    const all = await admin.client.getUserAccessTokens();
    expect(all.map((t: UserAccessToken) => t.id)).toContain(anas.id);
    expect(all.every((t: UserAccessToken) => t.token === undefined)).toBe(true);
    const found = (await search(admin)).body as UserAccessToken[];
    expect(found.map((t: UserAccessToken) => t.id)).toContain(anas.id);
    expect(found.every((t: UserAccessToken) => t.user_id === ana.user.id)).toBe(true);
    expect((await admin.client.getUserAccessTokensForUser(ana.user.id)).length).toBeGreaterThanOrEqual(2);
    expect((await raw(server, 'POST', '/users/tokens/revoke', { token: admin.token, body: { token_id: 'not-an-id' } })).status).toBe(400);
    expect((await raw(server, 'GET', `/users/tokens/${bob.user.id}`, { token: admin.token })).status).toBe(404);
  });

  it('authenticates as a session does: Bearer, Token, access_token and the WebSocket challenge', async () => {
    const { token } = await ana.client.createUserAccessToken(ana.user.id, 'everywhere');
    expect((await me(token!)).body.id).toBe(ana.user.id);
    expect((await raw(server, 'GET', '/users/me', { headers: { Authorization: `Token ${token}` } })).body.id).toBe(ana.user.id);
    expect((await raw(server, 'GET', `/users/me?access_token=${token}`)).body.id).toBe(ana.user.id);
    const client = newClient(server);
    client.setToken(token!);
    expect((await client.getMe()).username).toBe(ana.user.username);
    const ws = new WsUser(server, token!);
    try {
      const hello = await ws.connect();
      expect(hello.broadcast.user_id).toBe(ana.user.id);
    } finally {
      ws.close();
    }
    // An upgrade carrying the token authenticates at once too.
    const socket = new RawSocket(wsUrl(server), { headers: { Authorization: `Bearer ${token}` } });
    try {
      expect((await socket.next((f) => f.event === 'hello')).broadcast.user_id).toBe(ana.user.id);
    } finally {
      socket.close();
    }
  });

  it('refuses a disabled token until it is enabled again, and a revoked one for good', async () => {
    const created = await ana.client.createUserAccessToken(ana.user.id, 'toggled');
    const token = created.token!;
    expect((await me(token)).status).toBe(200);
    await ana.client.disableUserAccessToken(created.id);
    expect((await me(token)).status).toBe(401);
    expect((await ana.client.getUserAccessToken(created.id)).is_active).toBe(false);
    await ana.client.enableUserAccessToken(created.id);
    expect((await me(token)).status).toBe(200);
    await ana.client.revokeUserAccessToken(created.id);
    expect((await me(token)).status).toBe(401);
    expect(await status(ana.client.getUserAccessToken(created.id))).toBe(404);
  });

  it('stops working at once when its user is deactivated', async () => {
    const carl = await createUser(server, 'tokcarl');
    await admin.client.updateUserRoles(carl.user.id, 'system_user system_user_access_token');
    const { token } = await carl.client.createUserAccessToken(carl.user.id, 'short-lived');
    expect((await me(token!)).status).toBe(200);
    await admin.client.updateUserActive(carl.user.id, false);
    expect((await me(token!)).status).toBe(401);
  });

  it('turning EnableUserAccessTokens off refuses users\' tokens at once and closes their sockets', async () => {
    const { token } = await ana.client.createUserAccessToken(ana.user.id, 'until the switch');
    const ws = new WsUser(server, token!);
    await ws.connect();
    const closed = new Promise<number>((resolve) => ws.sockets[0].once('close', (code: number) => resolve(code)));
    try {
      await setTokensEnabled(false);
      expect(await closed).toBe(1008);
      expect((await me(token!)).status).toBe(401);
      expect((await raw(server, 'GET', `/users/${ana.user.id}/tokens`, { token: ana.token })).status).toBe(501);
      // Sessions from a password are not tokens.
      expect((await me(ana.token)).status).toBe(200);
    } finally {
      ws.close();
      await setTokensEnabled(true);
    }
    expect((await me(token!)).status).toBe(200);
  });
});
