import http from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser, unique, type TestUser } from '../harness.js';
import { freePort, spawnServer, type SpawnedServer } from '../spawned_server.js';
import { newChannel, newTeam } from '../team_fixtures.js';
import { sleep, WsUser } from '../ws_client.js';

// The built server with PARLEY_WORKERS=2: a supervisor and two worker processes sharing the port and one database,
// kept coherent by the supervisor's IPC relay. Which worker holds a socket is read from its hello (server_hostname
// names the worker); which worker answers HTTP is read from the request log lines (pino, one per request, tagged
// with the worker) for a marked request sent on a connection pinned to one worker.

interface LogLine {
  pid: number;
  worker?: number;
  msg?: string;
  req?: { url?: string };
}

function logLines(server: SpawnedServer): LogLine[] {
  return server.output().split('\n').filter((line) => line.startsWith('{')).map((line) => JSON.parse(line) as LogLine);
}

/** The pid of each worker's latest start ("Parley is listening"), by worker index. */
function workerPids(server: SpawnedServer): Map<number, number> {
  const pids = new Map<number, number>();
  for (const line of logLines(server)) if (line.msg === 'Parley is listening' && line.worker !== undefined) pids.set(line.worker, line.pid);
  return pids;
}

async function until<T>(what: string, probe: () => Promise<T | undefined> | T | undefined, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(50);
  }
}

/** How the socket's current connection closes (0 if it stays open for 5 s). */
function closeCode(socket: WsUser): Promise<number> {
  return new Promise((resolve) => {
    socket.sockets.at(-1)?.once('close', (code: number) => resolve(code));
    setTimeout(() => resolve(0), 5_000);
  });
}

/** The ping's status on a new connection, or 0 if it is not answered within 2 s. */
function pingOnNewConnection(server: SpawnedServer): Promise<number> {
  return new Promise((resolve) => {
    const request = http.get(`${server.url}/api/v4/system/ping`, { agent: false, timeout: 2_000 }, (response) => {
      response.resume().on('end', () => resolve(response.statusCode ?? 0));
    });
    request.once('timeout', () => request.destroy());
    request.once('error', () => resolve(0));
  });
}

/** HTTP over one kept-alive connection, so every request reaches the worker that accepted it. */
class PinnedConnection {
  private readonly agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  worker = -1;

  private constructor(private readonly server: SpawnedServer) {}

  static async open(server: SpawnedServer): Promise<PinnedConnection> {
    const connection = new PinnedConnection(server);
    const marker = unique('probe');
    await connection.request('GET', `/api/v4/system/ping?probe=${marker}`);
    connection.worker = await until('the probe\'s log line', () => logLines(server).find((line) => line.req?.url?.includes(marker))?.worker);
    return connection;
  }

  request(method: string, path: string, token?: string, body?: unknown): Promise<{ status: number; body: any }> {
    const { hostname, port } = new URL(this.server.url);
    return new Promise((resolve, reject) => {
      const outgoing = http.request({
        hostname, port, path, method, agent: this.agent,
        headers: { ...(token ? { Authorization: `Bearer ${token}` } : {}), ...(body === undefined ? {} : { 'Content-Type': 'application/json' }) },
      }, (response) => {
        let text = '';
        response.setEncoding('utf8').on('data', (chunk: string) => {
          text += chunk;
        }).on('end', () => resolve({ status: response.statusCode ?? 0, body: text ? JSON.parse(text) : undefined }));
      });
      outgoing.once('error', reject);
      outgoing.end(body === undefined ? undefined : JSON.stringify(body));
    });
  }

  close(): void {
    this.agent.destroy();
  }
}

for (const database of ['sqlite', 'postgres'] as const) {
  describe(`two workers on ${database}`, () => {
    let server: SpawnedServer;
    let metricsPort: number;
    let admin: TestUser;
    const opened: { close(): void }[] = [];

    /** A connection on each worker, [worker 0, worker 1]. */
    async function connectionToEach(): Promise<PinnedConnection[]> {
      const byWorker: PinnedConnection[] = [];
      for (let attempt = 0; attempt < 20 && !(byWorker[0] && byWorker[1]); attempt++) {
        const connection = track(await PinnedConnection.open(server));
        byWorker[connection.worker] ??= connection;
      }
      expect(byWorker[0] && byWorker[1], 'connections reached both workers').toBeTruthy();
      return byWorker;
    }

    /** The user's socket held by the given worker (sockets are dealt round-robin; others opened on the way are closed). */
    async function socketOn(user: TestUser, worker: number): Promise<WsUser> {
      for (let attempt = 0; attempt < 20; attempt++) {
        const socket = new WsUser(server, user.token);
        const hello = await socket.connect();
        if (String(hello.data.server_hostname).endsWith(`/worker-${worker}`)) return track(socket);
        socket.close();
      }
      throw new Error(`no socket landed on worker ${worker}`);
    }

    function track<T extends { close(): void }>(thing: T): T {
      opened.push(thing);
      return thing;
    }

    beforeAll(async () => {
      metricsPort = await freePort();
      server = await spawnServer({
        database, captureOutput: true,
        env: { PARLEY_WORKERS: '2', PARLEY_LOG_LEVEL: 'info', PARLEY_OFFLINE_GRACE_MS: '100', PARLEY_METRICS_LISTEN_ADDRESS: `127.0.0.1:${metricsPort}` },
      });
      await until('both workers', () => workerPids(server).size === 2 || undefined, 20_000);
      admin = await createUser(server, 'wkadmin');
    });
    afterAll(async () => {
      for (const thing of opened.splice(0)) thing.close();
      await server?.stop();
    });

    it('holds sockets on both workers and delivers a post made on either to sockets on both', async () => {
      const [author, reader] = [await createUser(server, 'wkauthor'), await createUser(server, 'wkreader')];
      const team = await newTeam(admin.client);
      const channel = await newChannel(admin.client, team.id);
      for (const user of [author, reader]) {
        await admin.client.addToTeam(team.id, user.user.id);
        await admin.client.addToChannel(user.user.id, channel.id);
      }
      const onEach = [await socketOn(reader, 0), await socketOn(reader, 1)];
      const connections = await connectionToEach();
      for (const connection of connections) {
        const message = unique(`from worker ${connection.worker} `);
        const from = onEach.map((socket) => socket.events.length);
        const created = await connection.request('POST', '/api/v4/posts', author.token, { channel_id: channel.id, message });
        expect(created.status).toBe(201);
        for (const [worker, socket] of onEach.entries()) {
          const posted = await socket.waitFor((e) => e.event === 'posted' && JSON.parse(e.data.post).message === message, from[worker]);
          expect(JSON.parse(posted.data.post).id).toBe(created.body.id);
        }
      }
    });

    it('delivers one worker\'s events on the other in the order they were published', async () => {
      const author = await createUser(server, 'wkorder');
      const team = await newTeam(admin.client);
      const channel = await newChannel(admin.client, team.id);
      await admin.client.addToTeam(team.id, author.user.id);
      await admin.client.addToChannel(author.user.id, channel.id);
      const onWorker1 = await socketOn(admin, 1);
      const [onWorker0] = await connectionToEach();
      const from = onWorker1.events.length;
      // Queued at once on the one connection, so worker 0 serves them back to back in this order; their events may
      // leave it in one IPC message or several.
      const created = await Promise.all(Array.from({ length: 12 }, (_, i) =>
        onWorker0.request('POST', '/api/v4/posts', author.token, { channel_id: channel.id, message: `in order ${i}` })));
      const ids = created.map((response) => response.body.id as string);
      // Only these posts: the system message of the author's joining may still be on its way.
      const ours = (): string[] => onWorker1.eventsNamed('posted', from).map((e) => JSON.parse(e.data.post))
        .filter((post) => post.channel_id === channel.id && String(post.message).startsWith('in order ')).map((post) => post.id as string);
      await onWorker1.waitFor(() => ours().length === 12, from);
      const received = ours();
      expect(received).toEqual(ids);
    });

    it('ends a session on both workers when it logs out on one', async () => {
      const user = await createUser(server, 'wklogout');
      const [onWorker0, onWorker1] = await connectionToEach();
      // Both workers hold the session in their caches before the logout.
      expect((await onWorker0.request('GET', '/api/v4/users/me', user.token)).status).toBe(200);
      expect((await onWorker1.request('GET', '/api/v4/users/me', user.token)).status).toBe(200);
      const socketOn1 = await socketOn(user, 1);
      const closed = closeCode(socketOn1);
      expect((await onWorker0.request('POST', '/api/v4/users/logout', user.token)).status).toBe(200);
      expect(await closed).toBe(1008);
      expect((await onWorker1.request('GET', '/api/v4/users/me', user.token)).status).toBe(401);
    });

    it('applies a config change saved on one worker on the other', async () => {
      const [onWorker0, onWorker1] = await connectionToEach();
      const siteName = unique('Workers ');
      expect((await onWorker0.request('PUT', '/api/v4/config/patch', admin.token, { TeamSettings: { SiteName: siteName } })).status).toBe(200);
      const seen = await until('the new site name on worker 1', async () => {
        const { body } = await onWorker1.request('GET', '/api/v4/config/client?format=old');
        return body.SiteName === siteName ? body.SiteName as string : undefined;
      }, 3_000);
      expect(seen).toBe(siteName);
    });

    it('reads on one worker the status set on the other', async () => {
      const user = await createUser(server, 'wkstatus');
      const [onWorker0, onWorker1] = await connectionToEach();
      expect((await onWorker1.request('GET', `/api/v4/users/${user.user.id}/status`, user.token)).body.status).toBe('offline');
      expect((await onWorker0.request('PUT', `/api/v4/users/${user.user.id}/status`, user.token, { user_id: user.user.id, status: 'dnd' })).status).toBe(200);
      const status = await until('the status on worker 1', async () => {
        const { body } = await onWorker1.request('GET', `/api/v4/users/${user.user.id}/status`, user.token);
        return body.status === 'dnd' ? body.status as string : undefined;
      }, 3_000);
      expect(status).toBe('dnd');
    });

    it('counts the sockets of every worker in the statistics and in /metrics', async () => {
      for (const thing of opened.splice(0)) thing.close();
      const user = await createUser(server, 'wkcount');
      for (const worker of [0, 1, 1]) await socketOn(user, worker);
      const [onWorker0] = await connectionToEach();
      const standard = await until('three sockets in the statistics', async () => {
        const { body } = await onWorker0.request('GET', '/api/v4/analytics/old?name=standard', admin.token);
        const row = (body as { name: string; value: number }[]).find((r) => r.name === 'total_websocket_connections');
        return row?.value === 3 ? row.value : undefined;
      }, 5_000);
      expect(standard).toBe(3);
      const metrics = await fetch(`http://127.0.0.1:${metricsPort}/metrics`).then((r) => r.text());
      expect(/^parley_websocket_connections (\d+)$/m.exec(metrics)?.[1]).toBe('3');
      // One scrape holds both workers' requests: the supervisor sums what each worker counted.
      expect(metrics).toMatch(/^parley_http_request_duration_seconds_count\{[^}]*route="\/api\/v4\/system\/ping"/m);
    });

    it('replaces a worker that dies, and keeps answering meanwhile', async () => {
      const before = workerPids(server);
      const user = await createUser(server, 'wkdies');
      const doomed = await socketOn(user, 1);
      const closed = closeCode(doomed);
      process.kill(before.get(1) ?? 0, 'SIGKILL');
      // The socket's TCP connection ends with the process (no close frame: 1006).
      expect(await closed).toBe(1006);
      // Each on a new connection: a kept-alive one the dead worker held is reset, as any client's would be. One
      // connection the supervisor dealt to the worker as it died may go unanswered (node:cluster loses it); the rest
      // are served by the live worker.
      const pings: number[] = [];
      for (let i = 0; i < 5; i++) pings.push(await pingOnNewConnection(server));
      expect(pings.filter((status) => status === 200).length).toBeGreaterThanOrEqual(4);
      const replacement = await until('a new worker 1', () => {
        const pid = workerPids(server).get(1);
        return pid !== before.get(1) ? pid : undefined;
      }, 20_000);
      expect(replacement).not.toBe(before.get(1));
      expect(workerPids(server).get(0)).toBe(before.get(0));
      // The new worker serves sockets and is on the relay: a post reaches its socket.
      const team = await newTeam(admin.client);
      const channel = await newChannel(admin.client, team.id);
      await admin.client.addToTeam(team.id, user.user.id);
      await admin.client.addToChannel(user.user.id, channel.id);
      const onNew = await socketOn(user, 1);
      const from = onNew.events.length;
      const post = await admin.client.createPost({ channel_id: channel.id, message: 'after the restart' });
      // The join's system message may still be on its way to the new socket: wait for this post in particular.
      const posted = await onNew.waitFor((e) => e.event === 'posted' && (JSON.parse(e.data.post as string) as { id: string }).id === post.id, from);
      expect(JSON.parse(posted.data.post as string).message).toBe('after the restart');
    }, 60_000); // a replacement worker starts as slowly as the machine is busy

    it('drains on SIGTERM: every worker closes its sockets with 1001, then the server exits', async () => {
      const user = await createUser(server, 'wkdrain');
      const sockets = [await socketOn(user, 0), await socketOn(user, 1)];
      const codes = sockets.map(closeCode);
      const code = await server.stop();
      expect(await Promise.all(codes)).toEqual([1001, 1001]);
      expect(code).toBe(0);
    });
  });
}
