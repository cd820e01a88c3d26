import { call } from './http.js';
import { Seeder } from './seed.js';
import { freshDatabase, startServer, type Database } from './server_process.js';
import { percentile } from './stats.js';

const POSTS = Number(process.env.BENCH_HISTORY_POSTS ?? 1_000_000);
const SAMPLES = 300;

export interface HistoryResult {
  posts: number;
  seedSeconds: number;
  newestP50: number;
  newestP99: number;
  deepP50: number;
  deepP99: number;
}

async function sample(url: string, token: string, path: string): Promise<number[]> {
  const times: number[] = [];
  for (let i = 0; i < SAMPLES; i++) {
    const started = process.hrtime.bigint();
    const res = await call(url, 'GET', path, token);
    const ms = Number(process.hrtime.bigint() - started) / 1e6;
    if (res.status !== 200) throw new Error(`history page failed: ${res.status} ${res.body.slice(0, 200)}`);
    const list = JSON.parse(res.body) as { order: string[] };
    if (list.order.length !== 60) throw new Error(`expected 60 posts, got ${list.order.length}`);
    if (i >= 10) times.push(ms);
  }
  return times;
}

/** A channel with POSTS posts: latency of the newest page and of a page half-way back (keyset `before`). */
export async function historyBench(db: Database): Promise<HistoryResult> {
  const database = await freshDatabase(db);
  const seeder = await Seeder.open(database);
  const teamId = await seeder.team();
  const [user] = await seeder.users(1, teamId);
  const channelId = await seeder.channel(teamId, [user.id]);
  const started = Date.now();
  const ids = await seeder.posts(channelId, user.id, POSTS);
  const seedSeconds = (Date.now() - started) / 1000;
  await seeder.close();
  const server = await startServer(database);
  const middle = ids[Math.floor(ids.length / 2)];
  const newest = await sample(server.url, user.token, `/api/v4/channels/${channelId}/posts?page=0&per_page=60`);
  const deep = await sample(server.url, user.token, `/api/v4/channels/${channelId}/posts?before=${middle}&per_page=60`);
  await server.stop();
  await database.drop();
  return {
    posts: POSTS, seedSeconds, newestP50: percentile(newest, 50), newestP99: percentile(newest, 99),
    deepP50: percentile(deep, 50), deepP99: percentile(deep, 99),
  };
}
