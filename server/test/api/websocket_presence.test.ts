import { describe, expect, it } from 'vitest';
import { createUser } from '../harness.js';
import { sleep, WsUser } from '../ws_client.js';
import { QUIET_MS, useWsSuite } from '../ws_fixture.js';

const suite = useWsSuite({ offlineGraceMs: 150 });

describe('presence', () => {
  it('shows a user online while connected and offline after the last socket closes', async () => {
    const { user, client, token } = await createUser(suite.server, 'wspresence');
    expect((await client.getStatus(user.id)).status).toBe('offline');
    const ws = suite.world.track(new WsUser(suite.server, token));
    await ws.connect();
    const online = await ws.waitFor((e) => e.event === 'status_change' && e.data.user_id === user.id);
    expect(online.data.status).toBe('online');
    expect((await client.getStatus(user.id)).status).toBe('online');
    ws.close();
    await expect.poll(async () => (await client.getStatus(user.id)).status, { timeout: 3_000 }).toBe('offline');
  });

  it("tells only the user's own sockets about their status changes; others ask for statuses", async () => {
    const { users: [a, b] } = await suite.world.teamWith(2);
    const wsB = await suite.world.listen(b);
    await wsB.waitFor((e) => e.event === 'status_change' && e.data.user_id === b.user.id);
    const wsA = await suite.world.listen(a);
    await wsA.waitFor((e) => e.event === 'status_change' && e.data.user_id === a.user.id && e.data.status === 'online');
    await sleep(QUIET_MS);
    expect(wsB.events.filter((e) => e.event === 'status_change' && e.data.user_id === a.user.id)).toEqual([]);
    expect(await wsB.request('get_statuses_by_ids', { user_ids: [a.user.id] })).toMatchObject({ data: { [a.user.id]: 'online' } });
  });

  it('keeps a manual status when sockets come and go', async () => {
    const { user, client, token } = await createUser(suite.server, 'wsdnd');
    await client.updateStatus({ user_id: user.id, status: 'dnd', manual: true, last_activity_at: 0 } as never);
    const ws = suite.world.track(new WsUser(suite.server, token));
    await ws.connect();
    await sleep(QUIET_MS);
    expect((await client.getStatus(user.id)).status).toBe('dnd');
    ws.close();
    await sleep(QUIET_MS);
    expect((await client.getStatus(user.id)).status).toBe('dnd');
  });

  it('answers get_statuses_by_ids and get_statuses over the socket', async () => {
    const { users: [a, b] } = await suite.world.teamWith(2);
    const ws = await suite.world.listen(a);
    await ws.waitFor((e) => e.event === 'status_change' && e.data.user_id === a.user.id);
    const byIds = await ws.request('get_statuses_by_ids', { user_ids: [a.user.id, b.user.id] });
    expect(byIds).toMatchObject({ status: 'OK', data: { [a.user.id]: 'online', [b.user.id]: 'offline' } });
    const all = await ws.request('get_statuses', null);
    expect(all.data[a.user.id]).toBe('online');
    expect(all.data[b.user.id]).toBeUndefined();
  });

  it('sets away and back through user_update_active_status', async () => {
    const { user, client, token } = await createUser(suite.server, 'wsaway');
    const ws = suite.world.track(new WsUser(suite.server, token));
    await ws.connect();
    await ws.waitFor((e) => e.event === 'status_change' && e.data.status === 'online');
    expect(await ws.request('user_update_active_status', { user_is_active: false, manual: true })).toMatchObject({ status: 'OK' });
    expect(await client.getStatus(user.id)).toMatchObject({ status: 'away', manual: true });
    await ws.request('user_update_active_status', { user_is_active: true, manual: true });
    expect(await client.getStatus(user.id)).toMatchObject({ status: 'online', manual: false });
  });
});
