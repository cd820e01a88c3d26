import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ConfigError } from '../config/errors.js';

export interface MetricsListener {
  url: string;
  close(): Promise<void>;
}

/** Where the text comes from: this process's registry, or the supervisor's sum over its workers. */
export interface MetricsSource {
  metrics(): Promise<string>;
  readonly contentType: string;
}

export interface ListenAddress {
  host: string | undefined;
  port: number;
}

/**
 * `host:port`, `[v6]:port`, or Mattermost's `:port` meaning every interface
 * (host undefined: Node then listens on IPv6 and IPv4 alike).
 */
export function parseListenAddress(address: string): ListenAddress {
  const match = /^(.*):(\d{1,5})$/.exec(address.trim());
  const port = match ? Number(match[2]) : NaN;
  if (!match || port > 65535) throw new ConfigError(`invalid metrics listen address "${address}": expected host:port or :port`);
  const host = match[1].replace(/^\[(.*)\]$/, '$1');
  return { host: host === '' ? undefined : host, port };
}

function listen(server: Server, host: string | undefined, port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
}

/**
 * Prometheus metrics on their own address, away from the public port: they
 * describe the process and its traffic, which is for operators only.
 */
export async function startMetricsListener({ host, port }: ListenAddress, source: MetricsSource): Promise<MetricsListener> {
  const server = createServer((request, response) => {
    const path = (request.url ?? '').split('?')[0];
    if ((request.method !== 'GET' && request.method !== 'HEAD') || path !== '/metrics') {
      response.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' }).end('Not found\n');
      return;
    }
    source.metrics().then(
      (text) => response.writeHead(200, { 'Content-Type': source.contentType }).end(request.method === 'HEAD' ? undefined : text),
      (err: unknown) => response.writeHead(500, { 'Content-Type': 'text/plain; charset=utf-8' }).end(`${String(err)}\n`),
    );
  });
  await listen(server, host, port);
  const bound = (server.address() as AddressInfo).port;
  const shownHost = host === undefined || host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host.includes(':') ? `[${host}]` : host;
  return {
    url: `http://${shownHost}:${bound}`,
    close: () => new Promise((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    }),
  };
}
