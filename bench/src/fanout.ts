import { call } from './http.js';
import { Seeder } from './seed.js';
import { freshDatabase, startServer, type Database } from './server_process.js';
import { openMany } from './sockets.js';
import { percentile, progress } from './stats.js';

const SOCKETS = Number(process.env.BENCH_FANOUT_SOCKETS ?? 2000);
const CHANNEL_SIZE = 50;
const POSTS_PER_SECOND = Number(process.env.BENCH_FANOUT_RATE ?? 20);
const SECONDS = Number(process.env.BENCH_FANOUT_SECONDS ?? 10);

export interface FanoutResult {
  sockets: number;
  posts: number;
  deliveries: number;
  expectedDeliveries: number;
  p50: number;
  p99: number;
}

/** 2,000 sockets in 50-member channels; time from sending POST /posts to `posted` arriving at each member. */
export async function fanoutBench(db: Database): Promise<FanoutResult> {
  const database = await freshDatabase(db);
  const seeder = await Seeder.open(database);
  const teamId = await seeder.team();
  const users = await seeder.users(SOCKETS, teamId, 'fan-out users');
  const channels: string[] = [];
  for (let i = 0; i < SOCKETS / CHANNEL_SIZE; i++) channels.push(await seeder.channel(teamId, users.slice(i * CHANNEL_SIZE, (i + 1) * CHANNEL_SIZE).map((u) => u.id)));
  await seeder.close();
  const server = await startServer(database);

  const sentAt = new Map<string, number>();
  const latencies: number[] = [];
  const sockets = await openMany(server.url, users.map((u) => u.token), (frame, receivedAt) => {
    if (frame.event !== 'posted') return;
    const post = JSON.parse(String(frame.data?.post)) as { message: string };
    const sent = sentAt.get(post.message);
    if (sent !== undefined) latencies.push(receivedAt - sent);
  }, (n) => progress('sockets', n, SOCKETS));

  let posts = 0;
  const interval = 1000 / POSTS_PER_SECOND;
  const started = performance.now();
  const inflight: Promise<unknown>[] = [];
  for (let i = 0; i < POSTS_PER_SECOND * SECONDS; i++) {
    const due = started + i * interval;
    const wait = due - performance.now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    const c = i % channels.length;
    const poster = users[c * CHANNEL_SIZE];
    const message = `fanout ${i} ${Math.random()}`;
    sentAt.set(message, performance.now() + performance.timeOrigin);
    inflight.push(call(server.url, 'POST', '/api/v4/posts', poster.token, { channel_id: channels[c], message }).then((r) => {
      if (r.status !== 201) throw new Error(`post failed: ${r.status} ${r.body.slice(0, 200)}`);
      posts++;
    }));
  }
  await Promise.all(inflight);
  await new Promise((r) => setTimeout(r, 2000));
  for (const s of sockets) s.terminate();
  await server.stop();
  await database.drop();
  return {
    sockets: SOCKETS, posts, deliveries: latencies.length, expectedDeliveries: posts * CHANNEL_SIZE,
    p50: percentile(latencies, 50), p99: percentile(latencies, 99),
  };
}
