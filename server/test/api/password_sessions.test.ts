import { describe, expect, it } from 'vitest';
import { createUser, newClient, raw, type TestUser } from '../harness.js';
import { useWsSuite } from '../ws_fixture.js';

const suite = useWsSuite();

/** A second session of the same user, as from another device. */
async function secondSession(user: TestUser): Promise<string> {
  const client = newClient(suite.server);
  await client.login(user.user.username, user.password);
  return client.getToken();
}

const me = async (token: string): Promise<number> => (await raw(suite.server, 'GET', '/users/me', { token })).status;

describe('sessions when a password changes (ServiceSettings.TerminateSessionsOnPasswordChange)', () => {
  it('ends the user\'s other sessions and closes their sockets, keeping the session that made the change', async () => {
    const user = await createUser(suite.server, 'pwchange');
    const other = await secondSession(user);
    const otherSocket = suite.world.authedSocket(other);
    const ownSocket = suite.world.authedSocket(user.token);
    await otherSocket.next((f) => f.event === 'hello');
    await ownSocket.next((f) => f.event === 'hello');
    // The other session is now in the server's session cache too.
    expect(await me(other)).toBe(200);

    await user.client.updateUserPassword(user.user.id, user.password, 'a-brand-new-password');

    expect(await me(other)).toBe(401);
    expect((await otherSocket.closed).code).toBe(1008);
    expect(await me(user.token)).toBe(200);
    ownSocket.send({ seq: 1, action: 'ping' });
    expect(await ownSocket.next((f) => f.seq_reply === 1)).toMatchObject({ status: 'OK' });
  });

  it('ends every session of a user whose password an admin sets, and none of the admin\'s', async () => {
    const user = await createUser(suite.server, 'pwreset');
    const other = await secondSession(user);
    const socket = suite.world.authedSocket(user.token);
    await socket.next((f) => f.event === 'hello');
    const adminSocket = suite.world.authedSocket(suite.world.admin.token);
    await adminSocket.next((f) => f.event === 'hello');

    await suite.world.admin.client.updateUserPassword(user.user.id, '', 'set-by-an-admin');

    expect(await me(user.token)).toBe(401);
    expect(await me(other)).toBe(401);
    expect((await socket.closed).code).toBe(1008);
    expect(await me(suite.world.admin.token)).toBe(200);
    adminSocket.send({ seq: 1, action: 'ping' });
    expect(await adminSocket.next((f) => f.seq_reply === 1)).toMatchObject({ status: 'OK' });
    expect((await newClient(suite.server).login(user.user.username, 'set-by-an-admin')).id).toBe(user.user.id);
  });

  it('leaves sessions alone when the password change is refused', async () => {
    const user = await createUser(suite.server, 'pwrefused');
    const other = await secondSession(user);
    const refused = await raw(suite.server, 'PUT', `/users/${user.user.id}/password`, {
      token: user.token, body: { current_password: 'not-the-password', new_password: 'whatever-password' },
    });
    expect(refused.status).toBe(400);
    expect(await me(other)).toBe(200);
  });
});
