import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { call } from './http.js';
import { Seeder, type SeededUser } from './seed.js';
import { freshDatabase, startServer, type Database } from './server_process.js';
import { percentile } from './stats.js';

// Webhooks under load, on one server: CLIENTS writers, each in its own channel, for SECONDS per run.
// 1. POST /api/v4/posts as fast as the writers go (the baseline) and 2. the same through each writer's incoming
// webhook (POST /hooks/{id}), in alternating rounds; 3. posts paced at PACED_RATE per second, in PACED_ROUNDS alternating rounds without and with
// a team-wide outgoing webhook firing on every post towards an integration that takes TARGET_DELAY_MS to answer
// (alternating, so a shared machine's drifting load weighs on both alike): the post's latency must not move; 4. posts as fast as the writers go with the hook firing: how fast the calls leave the dispatcher's queue
// (received per second, and how many the bounded queue dropped). Server CPU per request is reported too: steadier
// than rates on a shared machine.

const CLIENTS = 16;
const SECONDS = Number(process.env.BENCH_WEBHOOK_SECONDS ?? 8);
const TARGET_DELAY_MS = 200;
const PACED_RATE = Number(process.env.BENCH_WEBHOOK_PACED_RATE ?? 25);
const PACED_ROUNDS = 4;
const DELIVERY_TIMEOUT_MS = 120_000;

export interface PostingRun {
  postsPerSecond: number;
  p50: number;
  p99: number;
  errors: number;
  /** Server CPU time per successful request. */
  cpuMicros: number;
}

export interface WebhookBenchResult {
  posts: PostingRun;
  incoming: PostingRun;
  pacedWithout: PostingRun;
  pacedWith: PostingRun;
  withOutgoing: PostingRun;
  outgoing: { triggered: number; received: number; callsPerSecond: number; lagP50: number; lagP99: number };
}

/** An integration that answers every call after TARGET_DELAY_MS with nothing to post; records when each arrived. */
async function slowIntegration(arrivals: Map<string, number>): Promise<{ url: string; close(): Promise<void> }> {
  const server = http.createServer((request, response) => {
    let body = '';
    request.on('data', (chunk: Buffer) => { body += chunk.toString('utf8'); });
    request.on('end', () => {
      arrivals.set((JSON.parse(body) as { post_id: string }).post_id, Date.now());
      setTimeout(() => response.writeHead(200, { 'content-type': 'application/json' }).end('{}'), TARGET_DELAY_MS);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`,
    close: () => new Promise((resolve) => { server.closeAllConnections(); server.close(() => resolve()); }),
  };
}

type Send = (writer: number, n: number) => Promise<{ ok: boolean; postId?: string }>;

/**
 * Every writer sends `send(writer, n)` back to back for `seconds` (or, with `rate`, at most `rate` requests per second
 * in all, evenly spaced); the rate, latencies and server CPU of the successes.
 */
async function run(
  server: { cpuSeconds(): number }, seconds: number, send: Send, options: { rate?: number; posted?: Map<string, number>; samples?: number[] } = {},
): Promise<PostingRun> {
  const latencies: number[] = options.samples ?? [];
  const before = latencies.length;
  let errors = 0;
  const cpuBefore = server.cpuSeconds();
  const started = Date.now();
  const until = started + seconds * 1000;
  const interval = options.rate ? (CLIENTS * 1000) / options.rate : 0;
  await Promise.all(Array.from({ length: CLIENTS }, async (_, writer) => {
    for (let n = 0; Date.now() < until; n++) {
      const due = started + (n + writer / CLIENTS) * interval;
      if (interval > 0 && due > Date.now()) await new Promise((resolve) => setTimeout(resolve, due - Date.now()));
      const t0 = performance.now();
      const result = await send(writer, n);
      if (!result.ok) {
        errors++;
        continue;
      }
      latencies.push(performance.now() - t0);
      if (result.postId) options.posted?.set(result.postId, Date.now());
    }
  }));
  const done = latencies.length - before;
  const cpuMicros = ((server.cpuSeconds() - cpuBefore) / Math.max(1, done)) * 1e6;
  return { postsPerSecond: done / seconds, p50: percentile(latencies, 50), p99: percentile(latencies, 99), errors, cpuMicros };
}

/** Rounds of one kind as one run: rates and CPU averaged, percentiles the worst round's (a bound, not a merge). */
function combine(runs: readonly PostingRun[]): PostingRun {
  const mean = (pick: (r: PostingRun) => number): number => runs.reduce((sum, r) => sum + pick(r), 0) / runs.length;
  return {
    postsPerSecond: mean((r) => r.postsPerSecond), cpuMicros: mean((r) => r.cpuMicros), errors: runs.reduce((n, r) => n + r.errors, 0),
    p50: Math.max(...runs.map((r) => r.p50)), p99: Math.max(...runs.map((r) => r.p99)),
  };
}

export async function webhookBench(db: Database): Promise<WebhookBenchResult> {
  const database = await freshDatabase(db);
  const seeder = await Seeder.open(database);
  const teamId = await seeder.team();
  const writers: SeededUser[] = await seeder.users(CLIENTS, teamId, 'webhook writers');
  const channels: string[] = [];
  for (const writer of writers) channels.push(await seeder.channel(teamId, [writer.id]));
  await seeder.close();

  const arrivals = new Map<string, number>();
  const integration = await slowIntegration(arrivals);
  const server = await startServer(database, {
    MM_SERVICESETTINGS_ALLOWEDUNTRUSTEDINTERNALCONNECTIONS: '127.0.0.1', MM_SERVICESETTINGS_OUTGOINGINTEGRATIONREQUESTSTIMEOUT: '10',
  });
  try {
    const hookIds: string[] = [];
    for (const [i, writer] of writers.entries()) {
      const res = await call(server.url, 'POST', '/api/v4/hooks/incoming', writer.token, { channel_id: channels[i], display_name: 'bench' });
      if (res.status !== 201) throw new Error(`incoming webhook not created: ${res.status} ${res.body}`);
      hookIds.push((JSON.parse(res.body) as { id: string }).id);
    }
    const createPost = async (writer: number, n: number) => {
      const res = await call(server.url, 'POST', '/api/v4/posts', writers[writer].token, { channel_id: channels[writer], message: `fire benchmark post ${n} from ${writer}` });
      return { ok: res.status === 201, postId: res.status === 201 ? (JSON.parse(res.body) as { id: string }).id : undefined };
    };
    const hookPost = async (writer: number, n: number) => {
      const res = await call(server.url, 'POST', `/hooks/${hookIds[writer]}`, '', { text: `webhook benchmark post ${n} from ${writer}` });
      return { ok: res.status === 200 };
    };

    await run(server, 2, createPost);
    // Alternating rounds of each, so warm-up and a shared machine's drifting load weigh on both alike.
    const rounds = { posts: [] as PostingRun[], incoming: [] as PostingRun[] };
    for (let round = 0; round < PACED_ROUNDS; round++) {
      rounds.posts.push(await run(server, SECONDS / PACED_ROUNDS, createPost));
      rounds.incoming.push(await run(server, SECONDS / PACED_ROUNDS, hookPost));
    }
    const posts = combine(rounds.posts);
    const incoming = combine(rounds.incoming);
    const createHook = async (): Promise<string> => {
      const created = await call(server.url, 'POST', '/api/v4/hooks/outgoing', writers[0].token, {
        team_id: teamId, trigger_words: ['fire'], callback_urls: [integration.url], content_type: 'application/json',
      });
      if (created.status !== 201) throw new Error(`outgoing webhook not created: ${created.status} ${created.body}`);
      return (JSON.parse(created.body) as { id: string }).id;
    };
    const without: number[] = [];
    const withHook: number[] = [];
    let pacedWithout!: PostingRun;
    let pacedWith!: PostingRun;
    const roundSeconds = Math.max(1, SECONDS / 2);
    for (let round = 0; round < PACED_ROUNDS; round++) {
      pacedWithout = await run(server, roundSeconds, createPost, { rate: PACED_RATE, samples: without });
      const hookId = await createHook();
      const fired = new Map<string, number>();
      pacedWith = await run(server, roundSeconds, createPost, { rate: PACED_RATE, posted: fired, samples: withHook });
      await call(server.url, 'DELETE', `/api/v4/hooks/outgoing/${hookId}`, writers[0].token);
      // The round's calls finish before the next round starts.
      const roundDeadline = Date.now() + DELIVERY_TIMEOUT_MS;
      while ([...fired.keys()].some((id) => !arrivals.has(id)) && Date.now() < roundDeadline) await new Promise((resolve) => setTimeout(resolve, 100));
    }
    arrivals.clear();
    await createHook();
    const triggered = new Map<string, number>();
    const withOutgoing = await run(server, SECONDS, createPost, { posted: triggered });
    const deadline = Date.now() + DELIVERY_TIMEOUT_MS;
    // Calls still queued arrive within the dispatcher's pace; dropped ones never do: stop once arrivals stall.
    let seen = -1;
    while (arrivals.size < triggered.size && Date.now() < deadline && arrivals.size !== seen) {
      seen = arrivals.size;
      await new Promise((resolve) => setTimeout(resolve, 2_000));
    }
    const lags: number[] = [];
    let first = Infinity;
    let last = 0;
    for (const [postId, at] of triggered) {
      first = Math.min(first, at);
      const arrived = arrivals.get(postId);
      if (arrived === undefined) continue;
      lags.push(arrived - at);
      last = Math.max(last, arrived);
    }
    return {
      posts, incoming, pacedWithout, pacedWith, withOutgoing,
      outgoing: {
        triggered: triggered.size, received: lags.length, callsPerSecond: lags.length / Math.max(0.001, (last - first) / 1000),
        lagP50: percentile(lags, 50), lagP99: percentile(lags, 99),
      },
    };
  } finally {
    await server.stop();
    await integration.close();
    await database.drop();
  }
}
