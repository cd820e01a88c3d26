import http from 'node:http';
import type { AddressInfo } from 'node:net';

/** A push proxy for tests: records each send_push body and answers what `reply` says (200 OK by default). */
export interface PushProxy {
  url: string;
  received: Record<string, unknown>[];
  /** The status and JSON the next requests get. */
  reply: (body: Record<string, unknown>) => { status: number; json: object };
  waitFor(match: (body: Record<string, unknown>) => boolean, timeoutMs?: number): Promise<Record<string, unknown>>;
  close(): Promise<void>;
}

export async function startPushProxy(): Promise<PushProxy> {
  const received: Record<string, unknown>[] = [];
  const proxy: PushProxy = {
    url: '', received,
    reply: () => ({ status: 200, json: { status: 'OK' } }),
    async waitFor(match, timeoutMs = 10_000) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const found = received.find(match);
        if (found) return found;
        if (Date.now() > deadline) throw new Error(`no matching push within ${timeoutMs} ms; got ${JSON.stringify(received)}`);
        await new Promise((resolve) => setTimeout(resolve, 25));
      }
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
  const server = http.createServer((request, response) => {
    let text = '';
    request.on('data', (chunk: Buffer) => { text += chunk.toString('utf8'); });
    request.on('end', () => {
      if (request.method !== 'POST' || request.url !== '/api/v1/send_push') {
        response.writeHead(404).end();
        return;
      }
      const body = JSON.parse(text) as Record<string, unknown>;
      received.push(body);
      const { status, json } = proxy.reply(body);
      response.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(json));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  proxy.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return proxy;
}
