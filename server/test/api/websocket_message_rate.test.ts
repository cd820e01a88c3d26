import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser, startTestServer, type TestServer, type TestUser } from '../harness.js';
import { newChannel, newTeam } from '../team_fixtures.js';
import { RawSocket, sleep, WsUser, wsUrl } from '../ws_client.js';

// A socket that floods client actions (each typing notice fans out to the whole channel) is closed; one that sends
// at a client's pace is not, and the channel's other members see only what came before the cut.

let server: TestServer;
let flooder: TestUser;
let member: TestUser;
let channelId: string;

beforeAll(async () => {
  server = await startTestServer();
  flooder = await createUser(server, 'flooder');
  member = await createUser(server, 'member');
  const team = await newTeam(flooder.client);
  await flooder.client.addToTeam(team.id, member.user.id);
  channelId = (await newChannel(flooder.client, team.id)).id;
  await member.client.addToChannel(member.user.id, channelId);
});
afterAll(async () => {
  await server?.close();
});

const typing = (seq: number, parent: string): object => ({ seq, action: 'user_typing', data: { channel_id: channelId, parent_id: parent } });

describe('client action rate on a socket', () => {
  it('closes a socket that floods actions, with 1008, and stops the fan-out there', async () => {
    const watcher = new WsUser(server, member.token);
    await watcher.connect();
    const socket = new RawSocket(wsUrl(server), { headers: { Authorization: `Bearer ${flooder.token}` } });
    await socket.opened;
    await socket.next((f) => f.event === 'hello');
    const from = watcher.events.length;
    // Alternating thread parents dodge the per-place typing dedupe, so each message would be a broadcast.
    const parents = [flooder.user.id, member.user.id];
    for (let seq = 1; seq <= 500; seq++) socket.send(typing(seq, parents[seq % 2]));
    expect(await socket.closed).toEqual({ code: 1008, reason: 'too many messages' });
    await sleep(300);
    const seen = watcher.eventsNamed('typing', from).length;
    expect(seen).toBeGreaterThan(0);
    expect(seen).toBeLessThanOrEqual(100);
    watcher.close();
  });

  it('keeps a socket that sends at a client\'s pace', async () => {
    const socket = new RawSocket(wsUrl(server), { headers: { Authorization: `Bearer ${flooder.token}` } });
    await socket.opened;
    await socket.next((f) => f.event === 'hello');
    for (let seq = 1; seq <= 30; seq++) {
      socket.send({ seq, action: 'ping' });
      await sleep(10);
    }
    const last = await socket.next((f) => f.seq_reply === 30);
    expect(last.status).toBe('OK');
    const stillOpen = await Promise.race([socket.closed.then(() => false), sleep(200).then(() => true)]);
    expect(stillOpen).toBe(true);
    socket.close();
  });

  it('answers a peer\'s protocol pings, and closes a socket that floods them', async () => {
    const socket = new RawSocket(wsUrl(server), { headers: { Authorization: `Bearer ${flooder.token}` } });
    await socket.opened;
    await socket.next((f) => f.event === 'hello');
    const pong = new Promise<string>((resolve) => socket.ws.once('pong', (data: Buffer) => resolve(data.toString())));
    socket.ws.ping('are you there');
    expect(await pong).toBe('are you there');
    let pongs = 0;
    socket.ws.on('pong', () => {
      pongs++;
    });
    for (let i = 0; i < 500; i++) socket.ws.ping();
    expect(await socket.closed).toEqual({ code: 1008, reason: 'too many messages' });
    expect(pongs).toBeLessThanOrEqual(100);
  });
});
