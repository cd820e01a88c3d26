import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { unexpectedErrors } from '../../src/metrics/registry.js';
import { createUser, raw, startTestServer, type TestServer, type TestUser } from '../harness.js';

// Abuse below the HTTP layer: hand-written upgrade requests, broken request
// lines, oversized headers, sockets that vanish half-way, garbage frames and
// hostile WebSocket messages. The server must answer 4xx where HTTP allows,
// close what it cannot serve, and keep serving everyone else.

let server: TestServer;
let alice: TestUser;

beforeAll(async () => {
  server = await startTestServer({ wsAuthTimeoutMs: 2_000 });
  alice = await createUser(server, 'sockets');
});
afterAll(async () => {
  await server?.close();
});

const KEY = 'dGhlIHNhbXBsZSBub25jZQ==';
const upgrade = (target: string, extra = ''): string =>
  `GET ${target} HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: ${KEY}\r\nSec-WebSocket-Version: 13\r\n${extra}\r\n`;

/** Writes raw bytes and collects what comes back until the server closes the socket (or `waitMs` passes). */
function exchange(bytes: string | Buffer, options: { waitMs?: number; endEarly?: boolean; until?: (received: string) => boolean } = {}): Promise<string> {
  return new Promise((resolve) => {
    const socket = net.connect(server.port, '127.0.0.1');
    const chunks: Buffer[] = [];
    const finish = (): void => {
      clearTimeout(timer);
      socket.destroy();
      resolve(Buffer.concat(chunks).toString('latin1'));
    };
    const timer = setTimeout(finish, options.waitMs ?? 1_500);
    socket.on('data', (chunk) => {
      chunks.push(chunk);
      if (options.until?.(Buffer.concat(chunks).toString('latin1'))) finish();
    });
    socket.on('close', finish);
    socket.on('error', finish);
    socket.on('connect', () => {
      socket.write(bytes);
      if (options.endEarly) socket.destroy();
    });
  });
}

const statusOf = (response: string): number => Number(/^HTTP\/1\.1 (\d{3})/.exec(response)?.[1] ?? 0);

/** A client frame (masked, as clients must send), for hostile WebSocket messages. */
function textFrame(text: string): Buffer {
  const payload = Buffer.from(text);
  const mask = Buffer.from([1, 2, 3, 4]);
  const header = payload.length < 126 ? Buffer.from([0x81, 0x80 | payload.length]) : Buffer.from([0x81, 0x80 | 126, payload.length >> 8, payload.length & 255]);
  return Buffer.concat([header, mask, payload.map((byte, i) => byte ^ mask[i % 4])]);
}

async function stillServing(): Promise<void> {
  const ping = await raw(server, 'GET', '/system/ping');
  expect(ping.status).toBe(200);
  const me = await raw(server, 'GET', '/users/me', { token: alice.token });
  expect(me.status).toBe(200);
}

/** A real socket, authenticated by header, that receives its hello: the WebSocket endpoint still works. */
function helloOverWebSocket(): Promise<string> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(`${server.url.replace('http', 'ws')}/api/v4/websocket`, { headers: { Authorization: `Bearer ${alice.token}` } });
    ws.on('message', (data) => {
      const event = JSON.parse(String(data)) as { event?: string };
      ws.close();
      resolve(event.event ?? '');
    });
    ws.on('error', reject);
  });
}

describe('raw socket abuse', () => {
  it('answers an upgrade to an unparseable path (//%%%) with a 4xx and keeps running', async () => {
    for (const target of ['//%%%', '//', '//%%%?connection_id=%%%', '/%%%/..', 'http://[::1', '*', '/api/v4/websocket/../%00']) {
      const response = await exchange(upgrade(target));
      expect(statusOf(response), target).toBeGreaterThanOrEqual(400);
      expect(statusOf(response), target).toBeLessThan(500);
    }
    await stillServing();
    expect(await helloOverWebSocket()).toBe('hello');
  });

  it('refuses upgrades the WebSocket protocol does not allow with a 400', async () => {
    const noKey = 'GET /api/v4/websocket HTTP/1.1\r\nHost: x\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Version: 13\r\n\r\n';
    const wrongVersion = upgrade('/api/v4/websocket').replace('Version: 13', 'Version: 7');
    const notWebSocket = upgrade('/api/v4/websocket').replace('Upgrade: websocket', 'Upgrade: h2c');
    for (const request of [noKey, wrongVersion, notWebSocket]) expect(statusOf(await exchange(request))).toBe(400);
    await stillServing();
  });

  it('answers broken HTTP with a 4xx: a garbage request line, oversized headers', async () => {
    const garbage = await exchange('GARBAGE\r\n\r\n');
    expect(statusOf(garbage)).toBe(400);
    // Even with no request to speak of, the answer is a Mattermost error in JSON.
    expect(garbage).toMatch(/\r\ncontent-type: application\/json\r\n/i);
    expect(JSON.parse(garbage.slice(garbage.indexOf('\r\n\r\n') + 4))).toMatchObject({ id: 'api.context.bad_request.app_error', status_code: 400 });
    expect(statusOf(await exchange('GET / HTTP/9.9.9\r\n\r\n'))).toBe(400);
    expect(statusOf(await exchange(Buffer.from([0, 1, 2, 255, 254, 13, 10, 13, 10])))).toBe(400);
    const huge = statusOf(await exchange(upgrade('/api/v4/websocket', `X-Big: ${'a'.repeat(40_000)}\r\n`)));
    expect([400, 431]).toContain(huge);
    await stillServing();
  });

  it('survives sockets that go away half-way and garbage after the upgrade', async () => {
    const errorsBefore = (await unexpectedErrors.get()).values.reduce((sum, v) => sum + v.value, 0);
    await Promise.all([
      exchange('GET /api/v4/websocket HTTP/1.1\r\nHost: x\r\nUpg', { endEarly: true }),
      exchange(upgrade('/api/v4/websocket', `Authorization: Bearer ${alice.token}\r\n`), { endEarly: true }),
      exchange(upgrade('//%%%'), { endEarly: true }),
      exchange(Buffer.concat([Buffer.from(upgrade('/api/v4/websocket')), Buffer.from([0xff, 0xff, 0xff, 0xff, 0, 1, 2, 3])])),
      exchange(Buffer.concat([Buffer.from(upgrade('/api/v4/websocket', 'Cookie: MMAUTHTOKEN=%00\r\n')), textFrame('\u0000')])),
    ]);
    await stillServing();
    expect(await helloOverWebSocket()).toBe('hello');
    const errorsAfter = (await unexpectedErrors.get()).values.reduce((sum, v) => sum + v.value, 0);
    expect(errorsAfter).toBe(errorsBefore);
  });

  it('closes sockets that send hostile messages, and answers the rest', async () => {
    const challenge = (token: string): string => JSON.stringify({ seq: 1, action: 'authentication_challenge', data: { token } });
    const messages = [
      '['.repeat(4_000) + ']'.repeat(4_000), `{"seq":1,"action":"ping","data":${'{"a":'.repeat(1_000)}1${'}'.repeat(1_000)}}`,
      challenge('\u0000'), challenge(`${alice.token}\u0000`), challenge('\ud800'), '{"__proto__":{"seq":1},"action":"ping"}',
    ];
    for (const message of messages) {
      const response = await exchange(Buffer.concat([Buffer.from(upgrade('/api/v4/websocket')), textFrame(message)]), {
        until: (received) => /\x88.{3}/s.test(received),
      });
      expect(statusOf(response)).toBe(101);
      // 0x88: a close frame from the server; the code follows the length byte.
      const close = response.indexOf('\x88');
      expect(close, message.slice(0, 40)).toBeGreaterThan(0);
      expect(response.charCodeAt(close + 2) * 256 + response.charCodeAt(close + 3)).toBe(1008);
    }
    for (const action of ['constructor', 'toString', 'hasOwnProperty', '__proto__']) {
      const ws = new WebSocket(`${server.url.replace('http', 'ws')}/api/v4/websocket`, { headers: { Authorization: `Bearer ${alice.token}` } });
      const reply = await new Promise<{ status?: string; error?: { id?: string } }>((resolve, reject) => {
        ws.on('message', (data) => {
          const parsed = JSON.parse(String(data)) as { seq_reply?: number; status?: string; error?: { id?: string } };
          if (parsed.seq_reply === 7) resolve(parsed);
        });
        ws.on('open', () => ws.send(JSON.stringify({ seq: 7, action, data: {} })));
        ws.on('error', reject);
      });
      ws.close();
      expect(reply.status, action).toBe('FAIL');
      expect(reply.error?.id).toBe('api.web_socket_router.bad_action.app_error');
    }
    await stillServing();
  });
});
