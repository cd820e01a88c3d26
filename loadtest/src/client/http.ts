import { Agent, request } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';
import type { Stats } from '../report/stats.js';

// A lean keep-alive client: one shared pool for every simulated user, no
// per-request URL parsing beyond the path, so the generator measures the
// server rather than itself.

export interface HttpOptions {
  url: string;
  timeoutMs: number;
  maxSockets: number;
}

export interface Answer {
  status: number;
  body: string;
}

/** A failed request, already counted in the statistics. */
export class RequestFailed extends Error {
  constructor(readonly route: string, readonly status: number, detail: string) {
    super(`${route}: ${status === 0 ? detail : `HTTP ${status} ${detail.slice(0, 200)}`}`);
  }
}

const ID = /[a-z0-9]{26}/g;
const NUMBER = /\/\d+(?=\/|$)/g;

/** `/users/abc…/threads/def…/read/1700000000000?x=1` -> `/users/{id}/threads/{id}/read/{n}`: ids are Mattermost's 26-character NewId. */
export function routeTemplate(method: string, path: string): string {
  const query = path.indexOf('?');
  return `${method} ${(query < 0 ? path : path.slice(0, query)).replace(ID, '{id}').replace(NUMBER, '/{n}')}`;
}

export class HttpClient {
  private readonly agent: Agent;
  private readonly send: typeof request;
  private readonly host: string;
  private readonly port: number;
  private readonly basePath: string;

  constructor(private readonly options: HttpOptions, private readonly stats: Stats) {
    const target = new URL(options.url);
    const secure = target.protocol === 'https:';
    this.agent = secure ? new HttpsAgent({ keepAlive: true, maxSockets: options.maxSockets }) : new Agent({ keepAlive: true, maxSockets: options.maxSockets });
    this.send = secure ? httpsRequest : request;
    this.host = target.hostname;
    this.port = Number(target.port) || (secure ? 443 : 80);
    this.basePath = `${target.pathname.replace(/\/$/, '')}/api/v4`;
  }

  /** Calls `/api/v4{path}` and records it; resolves with 2xx answers, rejects with RequestFailed otherwise. */
  call(method: string, path: string, token: string, body?: unknown): Promise<Answer> {
    return this.exchange(method, path, token, body).then((answer) => answer.response);
  }

  /** As `call`, with the response headers (login needs its Token header). */
  exchange(method: string, path: string, token: string, body?: unknown): Promise<{ response: Answer; headers: Record<string, string | string[] | undefined> }> {
    const route = routeTemplate(method, path);
    const payload = body === undefined ? undefined : JSON.stringify(body);
    const headers: Record<string, string | number> = { 'X-Requested-With': 'XMLHttpRequest' };
    if (token) headers.Authorization = `Bearer ${token}`;
    if (payload !== undefined) {
      headers['Content-Type'] = 'application/json';
      headers['Content-Length'] = Buffer.byteLength(payload);
    }
    const started = performance.now();
    return new Promise((resolve, reject) => {
      let settled = false;
      // The whole exchange, waiting for a pooled socket included: what a user waits for.
      const timer = setTimeout(() => {
        fail(0, `timed out after ${this.options.timeoutMs} ms`, 'timeout');
        req.destroy();
      }, this.options.timeoutMs);
      const fail = (status: number, detail: string, outcome: 'error' | 'timeout' | 'client_error'): void => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        this.stats.record(route, performance.now() - started, outcome);
        reject(new RequestFailed(route, status, detail));
      };
      const req = this.send({ host: this.host, port: this.port, path: this.basePath + path, method, headers, agent: this.agent }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('error', (err) => fail(0, err.message, 'error'));
        res.on('end', () => {
          if (settled) return;
          const status = res.statusCode ?? 0;
          const text = chunks.length === 1 ? chunks[0].toString('utf8') : Buffer.concat(chunks).toString('utf8');
          if (status >= 500 || status < 200) return fail(status, text, 'error');
          if (status >= 400) return fail(status, text, 'client_error');
          settled = true;
          clearTimeout(timer);
          this.stats.record(route, performance.now() - started, 'ok');
          resolve({ response: { status, body: text }, headers: res.headers });
        });
      });
      req.on('error', (err) => fail(0, err.message, 'error'));
      if (payload !== undefined) req.write(payload);
      req.end();
    });
  }

  close(): void {
    this.agent.destroy();
  }
}
