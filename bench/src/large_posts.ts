import { readFileSync, writeFileSync } from 'node:fs';
import { Worker } from 'node:worker_threads';
import { call } from './http.js';
import { Seeder } from './seed.js';
import { freshDatabase, startServer, type Database } from './server_process.js';
import type { PingProbeInput } from './ping_probe.js';
import { percentile } from './stats.js';

// The memory attack on history: a channel of posts whose props are near the user limit, read by concurrent clients
// a full page (per_page=60) at a time, while a probe pings the server. Reports the server's peak RSS, ping
// latency (from a thread of its own) and what a page carried (the page byte budget cuts it short).

const POSTS = 60;
const READERS = Number(process.env.BENCH_LARGE_READERS ?? 10);
const DURATION_MS = Number(process.env.BENCH_LARGE_SECONDS ?? 10) * 1000;
/** Just under the user props limit (400,000 code points of props JSON, POST_PROPS_MAX_USER_RUNES on the server). */
const BLOB = 'x'.repeat(399_000);

export interface LargePostsResult {
  readers: number;
  pages: number;
  postsPerPage: number;
  pageMiB: number;
  baselineMiB: number;
  peakMiB: number;
  pingP50: number;
  pingP99: number;
}

const statusKiB = (pid: number, field: string): number => Number(new RegExp(`${field}:\\s+(\\d+)`).exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1]);

export async function largePostsBench(db: Database): Promise<LargePostsResult> {
  const database = await freshDatabase(db);
  const seeder = await Seeder.open(database);
  const teamId = await seeder.team();
  const [user] = await seeder.users(1, teamId, 'large-post users');
  const channelId = await seeder.channel(teamId, [user.id]);
  await seeder.close();
  const server = await startServer(database);
  for (let i = 0; i < POSTS; i++) {
    const res = await call(server.url, 'POST', '/api/v4/posts', user.token, { channel_id: channelId, message: `large ${i}`, props: { blob: BLOB } });
    if (res.status !== 201) throw new Error(`large post failed: ${res.status} ${res.body.slice(0, 200)}`);
  }
  await new Promise((r) => setTimeout(r, 1000));
  const baselineKiB = server.rssKiB();
  // Writing 5 to clear_refs resets the peak resident set size (VmHWM).
  writeFileSync(`/proc/${server.pid}/clear_refs`, '5');
  const deadline = Date.now() + DURATION_MS;
  let pages = 0;
  let posts = 0;
  let bytes = 0;
  const readers = Array.from({ length: READERS }, async () => {
    while (Date.now() < deadline) {
      const res = await call(server.url, 'GET', `/api/v4/channels/${channelId}/posts?page=0&per_page=${POSTS}`, user.token);
      if (res.status !== 200) throw new Error(`page failed: ${res.status}`);
      pages++;
      bytes += Buffer.byteLength(res.body);
      posts += (JSON.parse(res.body) as { order: string[] }).order.length;
    }
  });
  const probe = new Promise<number[]>((resolve, reject) => {
    const worker = new Worker(new URL('./ping_probe.js', import.meta.url), { workerData: { url: server.url, token: user.token, deadline } satisfies PingProbeInput });
    worker.once('message', resolve);
    worker.once('error', reject);
  });
  const [pings] = await Promise.all([probe, ...readers]);
  const peakKiB = statusKiB(server.pid, 'VmHWM');
  await server.stop();
  await database.drop();
  return {
    readers: READERS, pages, postsPerPage: posts / Math.max(pages, 1), pageMiB: bytes / Math.max(pages, 1) / 1024 / 1024,
    baselineMiB: baselineKiB / 1024, peakMiB: peakKiB / 1024, pingP50: percentile(pings, 50), pingP99: percentile(pings, 99),
  };
}
