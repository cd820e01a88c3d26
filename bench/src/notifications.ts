import http from 'node:http';
import net from 'node:net';
import type { AddressInfo } from 'node:net';
import { call } from './http.js';
import { Seeder, type SeededUser } from './seed.js';
import { freshDatabase, startServer, type Database } from './server_process.js';
import { percentile, progress } from './stats.js';

// Notifications under load: AUTHORS writers post POSTS_PER_AUTHOR posts each into one channel, every post
// mentioning MENTIONED of RECIPIENTS offline members who each have a phone. First with email and push off (the
// default), then on, against a local SMTP server and push proxy: the cost to posting, and how fast email and push
// leave through the job queue (count, rate, and post-to-arrival lag).

const AUTHORS = 16;
const RECIPIENTS = 200;
const MENTIONED = 3;
const POSTS_PER_AUTHOR = Number(process.env.BENCH_NOTIFY_POSTS ?? 150);
const DELIVERY_TIMEOUT_MS = 600_000;

export interface PostingRun {
  postsPerSecond: number;
  p50: number;
  p99: number;
}

export interface NotificationBenchResult {
  posts: number;
  off: PostingRun;
  on: PostingRun;
  emails: { expected: number; received: number; perSecond: number; lagP50: number; lagP99: number };
  pushes: { expected: number; received: number; perSecond: number; lagP50: number; lagP99: number };
}

/** Arrivals keyed `postId recipient`, with their time. */
type Arrivals = Map<string, number>;

/** The least SMTP a mail client needs, recording which post each message is about and for whom. */
async function smtpSink(arrivals: Arrivals): Promise<{ port: number; close(): Promise<void> }> {
  const server = net.createServer((socket) => {
    let buffer = '';
    let inData = false;
    let recipient = '';
    let message = '';
    socket.write('220 bench ESMTP\r\n');
    socket.on('data', (chunk: Buffer) => {
      buffer += chunk.toString('latin1');
      let end: number;
      while ((end = buffer.indexOf('\r\n')) >= 0) {
        const line = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        if (inData) {
          if (line !== '.') {
            message += `${line}\n`;
            continue;
          }
          inData = false;
          const text = message.replace(/=\n/g, '');
          for (const match of text.matchAll(/\/pl\/([a-z0-9]{26})/g)) arrivals.set(`${match[1]} ${recipient}`, Date.now());
          message = '';
          socket.write('250 queued\r\n');
          continue;
        }
        const verb = line.slice(0, 4).toUpperCase();
        if (verb === 'EHLO' || verb === 'HELO') socket.write('250 bench\r\n');
        else if (verb === 'RCPT') {
          recipient = /<([^>]*)>/.exec(line)?.[1]?.split('@')[0] ?? '';
          socket.write('250 ok\r\n');
        } else if (verb === 'DATA') {
          inData = true;
          socket.write('354 go ahead\r\n');
        } else if (verb === 'QUIT') socket.end('221 bye\r\n');
        else socket.write('250 ok\r\n');
      }
    });
    socket.on('error', () => socket.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { port: (server.address() as AddressInfo).port, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

/** A push proxy that records each message push by post and device. */
async function pushProxy(arrivals: Arrivals): Promise<{ url: string; close(): Promise<void> }> {
  const server = http.createServer((request, response) => {
    let body = '';
    request.on('data', (chunk: Buffer) => { body += chunk.toString('utf8'); });
    request.on('end', () => {
      const push = JSON.parse(body) as { type: string; post_id?: string; device_id: string };
      if (push.type === 'message') arrivals.set(`${push.post_id} ${push.device_id}`, Date.now());
      response.writeHead(200, { 'content-type': 'application/json' }).end('{"status":"OK"}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

/** Every author posts its share; returns the posting rate and latencies, and when each post was answered. */
async function postAll(url: string, channelId: string, authors: readonly SeededUser[], recipients: readonly SeededUser[], label: string) {
  const created: { postId: string; at: number; mentioned: SeededUser[] }[] = [];
  const latencies: number[] = [];
  const started = Date.now();
  const total = authors.length * POSTS_PER_AUTHOR;
  await Promise.all(authors.map(async (author, a) => {
    for (let i = 0; i < POSTS_PER_AUTHOR; i++) {
      // Consecutive recipients, so each post mentions MENTIONED different people and all are mentioned in turn.
      const distinct = Array.from({ length: MENTIONED }, (_, k) => recipients[((a * POSTS_PER_AUTHOR + i) * MENTIONED + k) % recipients.length]);
      const t0 = performance.now();
      const res = await call(url, 'POST', '/api/v4/posts', author.token,
        { channel_id: channelId, message: `${distinct.map((u) => `@${u.username}`).join(' ')} please review item ${i}` });
      latencies.push(performance.now() - t0);
      if (res.status !== 201) throw new Error(`post failed: ${res.status} ${res.body.slice(0, 200)}`);
      created.push({ postId: (JSON.parse(res.body) as { id: string }).id, at: Date.now(), mentioned: distinct });
      progress(label, created.length, total);
    }
  }));
  const seconds = (Date.now() - started) / 1000;
  return { run: { postsPerSecond: total / seconds, p50: percentile(latencies, 50), p99: percentile(latencies, 99) }, created };
}

function deliveryStats(arrivals: Arrivals, created: { postId: string; at: number; mentioned: SeededUser[] }[], keyOf: (u: SeededUser) => string, expected: number) {
  const lags: number[] = [];
  let first = Infinity;
  let last = 0;
  for (const post of created) {
    first = Math.min(first, post.at);
    for (const user of post.mentioned) {
      const at = arrivals.get(`${post.postId} ${keyOf(user)}`);
      if (at === undefined) continue;
      lags.push(at - post.at);
      last = Math.max(last, at);
    }
  }
  return { expected, received: lags.length, perSecond: lags.length / Math.max(0.001, (last - first) / 1000), lagP50: percentile(lags, 50), lagP99: percentile(lags, 99) };
}

export async function notificationBench(db: Database): Promise<NotificationBenchResult> {
  const database = await freshDatabase(db);
  const seeder = await Seeder.open(database);
  const teamId = await seeder.team();
  const authors = await seeder.users(AUTHORS, teamId, 'authors');
  const recipients = await seeder.users(RECIPIENTS, teamId, 'recipients');
  const channelId = await seeder.channel(teamId, [...authors, ...recipients].map((u) => u.id));
  await seeder.close();

  const offServer = await startServer(database);
  let off: PostingRun;
  try {
    off = (await postAll(offServer.url, channelId, authors, recipients, 'posts, notifications off')).run;
  } finally {
    await offServer.stop();
  }

  const emails: Arrivals = new Map();
  const pushes: Arrivals = new Map();
  const sink = await smtpSink(emails);
  const proxy = await pushProxy(pushes);
  const server = await startServer(database, {
    MM_SERVICESETTINGS_SITEURL: 'http://parley.bench', MM_EMAILSETTINGS_SMTPSERVER: '127.0.0.1', MM_EMAILSETTINGS_SMTPPORT: String(sink.port),
    MM_EMAILSETTINGS_SENDEMAILNOTIFICATIONS: 'true', MM_EMAILSETTINGS_SENDPUSHNOTIFICATIONS: 'true', MM_EMAILSETTINGS_PUSHNOTIFICATIONSERVER: proxy.url,
  });
  try {
    for (const user of recipients) {
      const res = await call(server.url, 'PUT', '/api/v4/users/sessions/device', user.token, { device_id: `android:${user.id}` });
      if (res.status !== 200) throw new Error(`device not attached: ${res.status} ${res.body}`);
    }
    const { run: on, created } = await postAll(server.url, channelId, authors, recipients, 'posts, notifications on');
    const expected = created.reduce((n, p) => n + p.mentioned.length, 0);
    const deadline = Date.now() + DELIVERY_TIMEOUT_MS;
    while ((emails.size < expected || pushes.size < expected) && Date.now() < deadline) {
      progress('email and push deliveries', Math.min(emails.size, pushes.size), expected);
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    return {
      posts: created.length, off, on,
      emails: deliveryStats(emails, created, (u) => u.username, expected),
      pushes: deliveryStats(pushes, created, (u) => u.id, expected),
    };
  } finally {
    await server.stop();
    await sink.close();
    await proxy.close();
    await database.drop();
  }
}
