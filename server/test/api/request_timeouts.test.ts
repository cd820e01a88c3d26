import http from 'node:http';
import net from 'node:net';
import type { Team } from '@mattermost/types/teams';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { httpRequestTimeouts } from '../../src/metrics/registry.js';
import { createUser, startTestServer, unique, type TestServer, type TestUser } from '../harness.js';
import { RawSocket, sleep, wsUrl } from '../ws_client.js';

// ServiceSettings.ReadTimeout: a request whose headers or body do not arrive in time is answered 408 and closed,
// while idle keep-alive connections and WebSockets, which are not requests in progress, live on. The timeout is
// one second here; Node checks for late requests every second, so "closed" means within a few seconds.

const READ_TIMEOUT_SECONDS = 1;
/** The timeout, plus Node's check interval, plus slack for a loaded machine. */
const CLOSED_WITHIN_MS = 4_000;

let server: TestServer;
let user: TestUser;

beforeAll(async () => {
  server = await startTestServer({ readTimeoutSeconds: READ_TIMEOUT_SECONDS });
  user = await createUser(server, 'timeouts');
});
afterAll(async () => {
  await server?.close();
});

/** A raw connection: what it received, and when it closed (ms after it opened). */
function connect(to: TestServer = server): Promise<{ socket: net.Socket; received: () => string; closedAfter: Promise<number> }> {
  const { port } = new URL(to.url);
  return new Promise((resolve, reject) => {
    const socket = net.connect(Number(port), '127.0.0.1');
    let data = '';
    socket.setEncoding('utf8');
    socket.on('data', (chunk: string) => {
      data += chunk;
    });
    socket.on('error', () => {});
    const opened = Date.now();
    const closedAfter = new Promise<number>((done) => socket.once('close', () => done(Date.now() - opened)));
    socket.once('connect', () => resolve({ socket, received: () => data, closedAfter }));
    socket.once('error', reject);
  });
}

/** Writes one byte at a time every `everyMs` until the socket closes or `max` bytes went out. */
async function trickle(socket: net.Socket, text: string, everyMs: number): Promise<void> {
  for (const char of text) {
    if (socket.destroyed) return;
    socket.write(char);
    await sleep(everyMs);
  }
}

describe('request read timeout', () => {
  it('closes a connection whose declared body trickles in, with 408, within the timeout, and counts it', async () => {
    const before = (await httpRequestTimeouts.get()).values[0]?.value ?? 0;
    const { socket, received, closedAfter } = await connect();
    socket.write(`POST /api/v4/users HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 1000000\r\n\r\n`);
    void trickle(socket, '{"username":"'.padEnd(200, 'a'), 200);
    const closedAt = await closedAfter;
    expect(closedAt).toBeLessThan(CLOSED_WITHIN_MS);
    expect(received()).toMatch(/^HTTP\/1\.1 408 /);
    expect(received()).toMatch(/"id":"api\.context\.request_timeout\.app_error".*"status_code":408/);
    expect((await httpRequestTimeouts.get()).values[0]?.value).toBeGreaterThan(before);
  });

  it('closes a connection whose headers trickle in, with 408, within the timeout', async () => {
    const { socket, received, closedAfter } = await connect();
    void trickle(socket, `GET /api/v4/system/ping HTTP/1.1\r\nHost: x\r\nX-Slow: ${'a'.repeat(200)}\r\n\r\n`, 200);
    expect(await closedAfter).toBeLessThan(CLOSED_WITHIN_MS);
    expect(received()).toMatch(/^HTTP\/1\.1 408 /);
  });

  it('still answers a slow request that completes within the timeout', async () => {
    const username = unique('slow').toLowerCase().slice(0, 20);
    const body = JSON.stringify({ username, email: `${username}@example.com`, password: 'correct-horse-battery' });
    const { socket, received } = await connect();
    socket.write(`POST /api/v4/users HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n`);
    await sleep(300);
    socket.write(body.slice(0, 20));
    await sleep(300);
    socket.write(body.slice(20));
    await new Promise((resolve) => socket.once('close', resolve));
    expect(received()).toMatch(/^HTTP\/1\.1 201 /);
    expect(received()).toContain(`"username":"${username}"`);
  });

  it('lets an authenticated file upload that keeps moving take longer than the timeout', async () => {
    const team = await user.client.createTeam({ name: unique('slowup').toLowerCase(), display_name: 'Slow uploads', type: 'O' } as Team);
    const channel = await user.client.getChannelByName(team.id, 'town-square');
    const content = 'a file that arrives slowly\n'.repeat(20);
    const before = (await httpRequestTimeouts.get()).values[0]?.value ?? 0;
    const { socket, received, closedAfter } = await connect();
    socket.write(`POST /api/v4/files?channel_id=${channel.id}&filename=slow.txt HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ${user.token}\r\n`
      + `Content-Type: text/plain\r\nContent-Length: ${content.length}\r\nConnection: close\r\n\r\n`);
    const started = Date.now();
    for (let at = 0; at < content.length; at += 20) {
      socket.write(content.slice(at, at + 20));
      await sleep(100);
    }
    await closedAfter;
    expect(Date.now() - started).toBeGreaterThan(READ_TIMEOUT_SECONDS * 1000 + 1_000);
    expect(received()).toMatch(/^HTTP\/1\.1 201 /);
    const info = (JSON.parse(received().slice(received().indexOf('\r\n\r\n') + 4)) as { file_infos: { id: string; size: number }[] }).file_infos[0];
    expect(info?.size).toBe(content.length);
    const stored = await fetch(`${server.url}/api/v4/files/${info?.id}`, { headers: { Authorization: `Bearer ${user.token}` } });
    expect(await stored.text()).toBe(content);
    expect((await httpRequestTimeouts.get()).values[0]?.value ?? 0).toBe(before);
  });

  it('keeps an idle keep-alive connection usable past the timeout', async () => {
    const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
    const get = (): Promise<{ status: number; reused: boolean }> => new Promise((resolve, reject) => {
      const request = http.get(`${server.url}/api/v4/system/ping`, { agent }, (response) => {
        response.resume();
        response.once('end', () => resolve({ status: response.statusCode ?? 0, reused: request.reusedSocket }));
      });
      request.once('error', reject);
    });
    expect(await get()).toEqual({ status: 200, reused: false });
    await sleep(READ_TIMEOUT_SECONDS * 1000 + 1_500);
    expect(await get()).toEqual({ status: 200, reused: true });
    agent.destroy();
  });

  it('leaves an open WebSocket alone past the timeout', async () => {
    const socket = new RawSocket(wsUrl(server), { headers: { Authorization: `Bearer ${user.token}` } });
    await socket.opened;
    await socket.next((f) => f.event === 'hello');
    await sleep(READ_TIMEOUT_SECONDS * 1000 + 1_500);
    socket.send({ seq: 1, action: 'get_statuses', data: {} });
    expect(await socket.next((f) => f.seq_reply === 1)).toMatchObject({ status: 'OK' });
    socket.close();
  });
});

describe('request bodies received at once', () => {
  const LENGTH = 1_000_000;
  let busy: TestServer;
  beforeAll(async () => {
    // Room for two 1 MB bodies at a time, and a read timeout long enough for them to stay in flight.
    busy = await startTestServer({ requestBodiesInFlightBytes: 2 * 1024 * 1024 });
  });
  afterAll(async () => {
    await busy?.close();
  });

  const declare = (socket: net.Socket): void => {
    socket.write(`POST /api/v4/users/login HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: ${LENGTH}\r\n\r\n{`);
  };

  it('answers 429 with Retry-After, before reading it, to a body that would pass the bound, and takes it once one is done', async () => {
    const first = await connect(busy);
    const second = await connect(busy);
    declare(first.socket);
    declare(second.socket);
    await sleep(200);
    const third = await connect(busy);
    declare(third.socket);
    await sleep(200);
    expect(third.received()).toMatch(/^HTTP\/1\.1 429 /);
    expect(third.received()).toMatch(/\r\nretry-after: 1\r\n/i);
    expect(third.received()).toContain('"id":"api.context.request_bodies_in_flight.app_error"');
    third.socket.destroy();
    // Requests without a body are not held back.
    expect((await fetch(`${busy.url}/api/v4/system/ping`)).status).toBe(200);
    // A client that goes away gives its share back.
    first.socket.destroy();
    await sleep(200);
    const body = JSON.stringify({ login_id: 'nobody', password: 'whatever-it-is' }).padEnd(LENGTH, ' ');
    const answer = await fetch(`${busy.url}/api/v4/users/login`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body });
    expect(answer.status).toBe(401);
    second.socket.destroy();
  });
});
