import type { Post } from '@mattermost/types/posts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { POST_PROPS_MAX_USER_RUNES } from '../../src/app/posts.js';
import { createUser, type TestUser } from '../harness.js';
import { spawnServer, type SpawnedServer } from '../spawned_server.js';
import { newChannel, newTeam } from '../team_fixtures.js';
import { wsUrl } from '../ws_client.js';

// One post near the props limit sent to 1,000 sockets must cost the server about one copy of it, not one per
// socket. The server runs as its own process (built dist) so its memory is its own; its peak resident set is reset
// once the sockets are open and read after every socket has received the whole event. The clients stop reading
// while the event goes out, as clients on real networks are slower than loopback, so every socket's share of it
// is in flight at the same time.

const USERS = 10;
const SOCKETS_PER_USER = 100;
/**
 * One copy per socket is ~400 KB × 1,000 ≈ 400 MB, but on loopback the kernel's socket buffers take most of each
 * socket's share at once, so what a per-socket copy leaves in the server's own memory is the garbage of the copies:
 * measured +36 MB with a Buffer copied per socket (and about twice that for the former per-socket string), against
 * +5 MB for one shared Buffer (the request's own parsing and presenting included). The bound sits between them.
 */
const MAX_PEAK_GROWTH_MB = 20;

let server: SpawnedServer;
let users: TestUser[];
let channelId: string;
const sockets: WebSocket[] = [];
/** Called with each socket's `posted` message as it arrives. */
let onPosted: (socket: number, message: Buffer) => void = () => {};

function open(token: string, index: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(wsUrl(server), { headers: { Authorization: `Bearer ${token}` }, maxPayload: 4 * 1024 * 1024 });
    sockets.push(socket);
    socket.once('error', reject);
    socket.on('message', (data: Buffer) => {
      if (data.subarray(0, 20).toString().startsWith('{"event":"hello"')) resolve();
      else if (data.subarray(0, 20).toString().startsWith('{"event":"posted"')) onPosted(index, data);
    });
  });
}

beforeAll(async () => {
  server = await spawnServer();
  users = [];
  for (let i = 0; i < USERS; i++) users.push(await createUser(server, 'fan'));
  const owner = users[0];
  const team = await newTeam(owner.client);
  channelId = (await newChannel(owner.client, team.id)).id;
  for (const user of users.slice(1)) {
    await owner.client.addToTeam(team.id, user.user.id);
    await owner.client.addToChannel(user.user.id, channelId);
  }
  const opening: Promise<void>[] = [];
  for (const [u, user] of users.entries()) {
    for (let s = 0; s < SOCKETS_PER_USER; s++) opening.push(open(user.token, u * SOCKETS_PER_USER + s));
  }
  await Promise.all(opening);
}, 60_000);

afterAll(async () => {
  for (const socket of sockets) socket.terminate();
  await server?.stop();
});

describe('fan-out memory', () => {
  it(`sends a ${POST_PROPS_MAX_USER_RUNES}-character post to ${USERS * SOCKETS_PER_USER} sockets within ${MAX_PEAK_GROWTH_MB} MB of server memory`, async () => {
    const blob = 'p'.repeat(POST_PROPS_MAX_USER_RUNES - 100);
    const received = new Set<number>();
    let reference: { body: Buffer; seqAt: number } | undefined;
    const allReceived = new Promise<void>((resolve, reject) => {
      onPosted = (index, message) => {
        try {
          const seqAt = message.lastIndexOf('"seq":');
          expect(message.subarray(seqAt).toString()).toMatch(/^"seq":\d+}$/);
          if (!reference) {
            // The first copy is checked whole; every other must be byte-identical up to its own seq.
            const event = JSON.parse(message.toString());
            expect(JSON.parse(event.data.post as string).props.blob).toBe(blob);
            reference = { body: message, seqAt };
          } else {
            expect(seqAt).toBe(reference.seqAt);
            expect(message.subarray(0, seqAt).equals(reference.body.subarray(0, seqAt))).toBe(true);
          }
          received.add(index);
          if (received.size === sockets.length) resolve();
        } catch (err) {
          reject(err);
        }
      };
    });
    // Let the sockets' set-up garbage go before taking the baseline.
    await new Promise((r) => setTimeout(r, 1_000));
    const before = server.memoryKiB();
    server.resetPeak();
    for (const socket of sockets) socket.pause();
    await users[0].client.createPost({ channel_id: channelId, message: 'big', props: { blob } } as unknown as Post);
    // The hub writes to every socket right after the post is created; give it time to finish, then read.
    await new Promise((r) => setTimeout(r, 1_000));
    for (const socket of sockets) socket.resume();
    await allReceived;
    const after = server.memoryKiB();
    const growthMb = (after.peak - before.rss) / 1024;
    console.info(`fan-out memory: RSS ${(before.rss / 1024).toFixed(0)} MB before, peak ${(after.peak / 1024).toFixed(0)} MB (+${growthMb.toFixed(0)} MB) for ${received.size} sockets`);
    expect(received.size).toBe(USERS * SOCKETS_PER_USER);
    expect(growthMb).toBeLessThan(MAX_PEAK_GROWTH_MB);
  });
});
