import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId } from '../../src/model/id.js';
import { createUser, startTestServer, type TestServer } from '../harness.js';
import { sleep, WsUser } from '../ws_client.js';
import { QUIET_MS, useWsSuite } from '../ws_fixture.js';

const suite = useWsSuite({ offlineGraceMs: 150 });

describe('reliable reconnect', () => {
  it('replays exactly the events missed while the socket was down, without a new hello', async () => {
    const { team, users: [a, b] } = await suite.world.teamWith(2);
    const channel = await suite.world.channelOf(a, team.id, 'O', [b]);
    const ws = await suite.world.listen(b);
    const hello = ws.events[0];
    await a.client.patchChannel(channel.id, { header: 'before' });
    await ws.waitFor((e) => e.event === 'channel_updated');
    const lastSeq = ws.events.at(-1)!.seq;
    const seen = ws.events.length;

    await ws.drop();
    // Once the user shows offline the suite.server has seen the socket go: these events find no socket, only the kept stream.
    await expect.poll(async () => (await b.client.getStatus(b.user.id)).status).toBe('offline');
    for (const header of ['missed 1', 'missed 2', 'missed 3']) await a.client.patchChannel(channel.id, { header });
    ws.reconnectNow();
    await ws.waitFor((e) => e.event === 'channel_updated' && JSON.parse(e.data.channel).header === 'missed 3', seen);
    await a.client.patchChannel(channel.id, { header: 'after' });
    await ws.waitFor((e) => e.event === 'channel_updated' && JSON.parse(e.data.channel).header === 'after', seen);

    const resumeUrl = new URL(ws.urls[1]);
    expect(resumeUrl.searchParams.get('connection_id')).toBe(hello.data.connection_id);
    expect(resumeUrl.searchParams.get('sequence_number')).toBe(String(lastSeq + 1));
    const after = ws.events.slice(seen);
    expect(after.map((e) => e.seq)).toEqual(after.map((_, i) => lastSeq + 1 + i));
    expect(after.filter((e) => e.event === 'hello')).toEqual([]);
    // Status changes (this user's offline among them) interleave; the channel's own events must be exact.
    expect(after.filter((e) => e.event === 'channel_updated').map((e) => JSON.parse(e.data.channel).header))
      .toEqual(['missed 1', 'missed 2', 'missed 3', 'after']);
    expect(after.some((e) => e.event === 'status_change' && e.data.user_id === b.user.id && e.data.status === 'offline')).toBe(true);
    expect(ws.missedMessages).toBe(0);
  });

  it('continues without replay or hello when the client was already up to date', async () => {
    const { team, users: [a, b] } = await suite.world.teamWith(2);
    const channel = await suite.world.channelOf(a, team.id, 'O', [b]);
    const ws = await suite.world.listen(b);
    const seen = ws.events.length;
    await ws.drop();
    ws.reconnectNow();
    await sleep(QUIET_MS);
    await a.client.patchChannel(channel.id, { header: 'later' });
    await ws.waitFor((e) => e.event === 'channel_updated', seen);
    const after = ws.events.slice(seen);
    expect(after.map((e) => e.seq)).toEqual(after.map((_, i) => seen + i));
    expect(after.filter((e) => e.event === 'hello')).toEqual([]);
    expect(ws.missedMessages).toBe(0);
  });

  it('starts a new stream with a new hello when the connection id is unknown', async () => {
    const { user, token } = await createUser(suite.server, 'wsunknown');
    const unknown = newId();
    const socket = suite.world.authedSocket(token, `?connection_id=${unknown}&sequence_number=42`);
    const hello = await socket.next((f) => f.event === 'hello');
    expect(hello.seq).toBe(0);
    expect(hello.data.connection_id).not.toBe(unknown);
    expect(hello.broadcast.user_id).toBe(user.id);
  });

  it('tells the official client it missed events when its stream cannot be resumed', async () => {
    const { token } = await createUser(suite.server, 'wsstale');
    const ws = suite.world.track(new WsUser(suite.server, token));
    await ws.connect();
    const seen = ws.events.length;
    await ws.drop();
    // Too far ahead: the suite.server cannot have produced it, so it cannot resume this stream.
    (ws.client as unknown as { serverSequence: number }).serverSequence += 1000;
    ws.reconnectNow();
    const hello = await ws.waitFor((e) => e.event === 'hello', seen);
    expect(hello.seq).toBe(0);
    expect(hello.data.connection_id).not.toBe(ws.events[0].data.connection_id);
    expect(ws.missedMessages).toBe(1);
  });

  it('never lets another user resume someone else\'s stream', async () => {
    const { team, users: [a, b, thief] } = await suite.world.teamWith(3);
    const channel = await suite.world.channelOf(a, team.id, 'P', [b]);
    const ws = await suite.world.listen(b);
    const stolenId = ws.events[0].data.connection_id as string;
    await a.client.patchChannel(channel.id, { header: 'for b only' });
    await ws.waitFor((e) => e.event === 'channel_updated');
    const socket = suite.world.authedSocket(thief.token, `?connection_id=${stolenId}&sequence_number=0`);
    const hello = await socket.next((f) => f.event === 'hello');
    expect(hello.data.connection_id).not.toBe(stolenId);
    expect(hello.broadcast.user_id).toBe(thief.user.id);
    await sleep(QUIET_MS);
    expect(socket.frames.filter((f) => JSON.stringify(f).includes(channel.id))).toEqual([]);
    // The owner's stream is untouched.
    await a.client.patchChannel(channel.id, { header: 'still b' });
    await ws.waitFor((e) => e.event === 'channel_updated' && JSON.parse(e.data.channel).header === 'still b');
  });

  it('numbers a fresh stream from the client\'s count when it never learnt its connection id', async () => {
    const { token } = await createUser(suite.server, 'wsnoid');
    const socket = suite.world.authedSocket(token, '?connection_id=&sequence_number=7');
    const hello = await socket.next((f) => f.event === 'hello');
    expect(hello.seq).toBe(7);
  });
});

describe('socket lifecycle', () => {
  let quick: TestServer;
  beforeAll(async () => {
    quick = await startTestServer({ wsAuthTimeoutMs: 200, wsPingIntervalMs: 150 });
  });
  afterAll(async () => {
    await quick?.close();
  });

  const openSocketsGauge = async (): Promise<number> => {
    const text = await (await fetch(`${quick.metricsUrl}/metrics`)).text();
    return Number(/^parley_websocket_connections (\d+)/m.exec(text)?.[1]);
  };

  it('drops a socket that does not authenticate in time', async () => {
    const idle = suite.world.rawSocket('', {}, quick);
    await idle.opened;
    const started = Date.now();
    expect((await idle.closed).code).toBe(1008);
    expect(Date.now() - started).toBeLessThan(2_000);
  });

  it('terminates a socket that stops answering protocol pings, and keeps one that answers', async () => {
    const { token } = await createUser(quick, 'wsdeaf');
    const deaf = suite.world.rawSocket('', { headers: { Authorization: `Bearer ${token}` }, autoPong: false }, quick);
    const healthy = suite.world.authedSocket(token, '', quick);
    await Promise.all([deaf.next((f) => f.event === 'hello'), healthy.next((f) => f.event === 'hello')]);
    expect((await deaf.closed).code).toBe(1006);
    expect(healthy.ws.readyState).toBe(healthy.ws.OPEN);
  });

  it('counts open authenticated sockets in /metrics', async () => {
    const { token } = await createUser(quick, 'wsgauge');
    const before = await openSocketsGauge();
    const sockets = [1, 2, 3].map(() => suite.world.authedSocket(token, '', quick));
    await Promise.all(sockets.map((s) => s.next((f) => f.event === 'hello')));
    expect(await openSocketsGauge()).toBe(before + 3);
    for (const s of sockets) s.close();
    await expect.poll(openSocketsGauge).toBe(before);
  });

  it('says goodbye with a close frame when the server shuts down', async () => {
    const { token } = await createUser(quick, 'wsbye');
    const socket = suite.world.authedSocket(token, '', quick);
    await socket.next((f) => f.event === 'hello');
    await quick.close();
    expect((await socket.closed).code).toBe(1001);
    const refused = suite.world.rawSocket('', {}, quick);
    await expect(refused.opened).rejects.toThrow();
  });
});
