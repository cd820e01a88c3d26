import http from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A test's stand-in for a service outside Parley (an integration, a web site) on a loopback address: each
 * request's body is read whole, then handed to `answer`.
 */
export abstract class LoopbackServer {
  /** `http://host:port`, once started. */
  base = '';
  private server?: http.Server;

  constructor(private readonly host = '127.0.0.1') {}

  protected abstract answer(request: http.IncomingMessage, body: string, response: http.ServerResponse): void;

  async start(): Promise<void> {
    const server = http.createServer((request, response) => {
      let body = '';
      request.setEncoding('utf8');
      request.on('data', (chunk: string) => { body += chunk; });
      request.on('end', () => this.answer(request, body, response));
    });
    this.server = server;
    await new Promise<void>((resolve) => server.listen(0, this.host, resolve));
    this.base = `http://${this.host}:${(server.address() as AddressInfo).port}`;
  }

  async close(): Promise<void> {
    const server = this.server;
    if (!server) return;
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
}
