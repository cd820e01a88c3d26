import http, { type ClientRequest, type RequestOptions } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AllowedInternalHosts, isPublicAddress, parseAddress } from '../../src/outbound/address_policy.js';
import { GuardedHttpClient, type RequestOpener } from '../../src/outbound/node/guarded_client.js';
import { OutboundError } from '../../src/outbound/outbound_http.js';

/** Records every connection the client opens, then opens it for real (only ever to loopback servers below). */
function spyOpener(): { open: RequestOpener; opened: string[] } {
  const opened: string[] = [];
  return {
    opened,
    open: (url: URL, options: RequestOptions): ClientRequest => {
      opened.push(url.toString());
      return http.request(url, options);
    },
  };
}

/** A resolver that maps every name to fixed addresses (never the system resolver). */
const resolvesTo = (...addresses: string[]) => async (): Promise<string[]> => addresses;

async function reason(work: Promise<unknown>): Promise<string> {
  const err = await work.then(() => undefined, (e: unknown) => e);
  expect(err).toBeInstanceOf(OutboundError);
  return (err as OutboundError).reason;
}

const fast = { timeoutMs: 2_000, maxBytes: 1_000 };

describe('address policy', () => {
  it('allows only global unicast addresses', () => {
    for (const refused of ['10.0.0.1', '172.16.5.4', '192.168.1.1', '127.0.0.1', '169.254.169.254', '100.64.0.1', '0.0.0.0',
      '224.0.0.1', '255.255.255.255', '::1', '::', 'fe80::1', 'fc00::1', 'fd12:3456::1', 'ff02::1', '::ffff:10.0.0.1',
      '::ffff:127.0.0.1', '::ffff:169.254.169.254', '2002:a00:1::1', '64:ff9b::a00:1']) {
      expect(isPublicAddress(parseAddress(refused)!), refused).toBe(false);
    }
    for (const allowed of ['93.184.216.34', '8.8.8.8', '2606:4700:4700::1111', '::ffff:8.8.8.8']) {
      expect(isPublicAddress(parseAddress(allowed)!), allowed).toBe(true);
    }
  });

  it('reads AllowedUntrustedInternalConnections as names, addresses and CIDR ranges', () => {
    const allowed = new AllowedInternalHosts('intranet.example.com, 10.1.0.0/16 192.168.7.7  fd00::/8');
    expect(allowed.allowsName('Intranet.Example.com')).toBe(true);
    expect(allowed.allowsName('example.com')).toBe(false);
    expect(allowed.allowsAddress(parseAddress('10.1.200.3')!)).toBe(true);
    expect(allowed.allowsAddress(parseAddress('10.2.0.1')!)).toBe(false);
    expect(allowed.allowsAddress(parseAddress('192.168.7.7')!)).toBe(true);
    expect(allowed.allowsAddress(parseAddress('192.168.7.8')!)).toBe(false);
    expect(allowed.allowsAddress(parseAddress('fd00::5')!)).toBe(true);
    expect(allowed.allowsAddress(parseAddress('::ffff:10.1.0.9')!)).toBe(true);
  });
});

describe('GuardedHttpClient', () => {
  let server: http.Server;
  let base: string;
  let port: number;

  beforeAll(async () => {
    server = http.createServer((req, res) => {
      if (req.url === '/page') {
        res.writeHead(200, { 'Content-Type': 'text/html' });
        res.end('<html><head><title>Hi</title></head><body>body</body></html>');
      } else if (req.url === '/big') {
        res.writeHead(200, { 'Content-Type': 'application/octet-stream' });
        res.end(Buffer.alloc(100_000, 1));
      } else if (req.url?.startsWith('/to?')) {
        res.writeHead(302, { Location: decodeURIComponent(req.url.slice(4)) });
        res.end();
      } else if (req.url?.startsWith('/loop')) {
        res.writeHead(301, { Location: `/loop${Number(req.url.slice(5) || 0) + 1}` });
        res.end();
      } else if (req.url === '/never') {
        // Never answers: the client's timeout must end the request.
      } else {
        res.writeHead(404);
        res.end();
      }
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as AddressInfo).port;
    base = `http://127.0.0.1:${port}`;
  });

  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  it('refuses names resolving to internal addresses before connecting', async () => {
    for (const address of ['10.0.0.1', '169.254.169.254', '::1', '127.0.0.1', '::ffff:192.168.0.1', '100.100.0.1']) {
      const spy = spyOpener();
      const client = new GuardedHttpClient(resolvesTo(address), spy.open);
      expect(await reason(client.fetchGuarded('http://internal.example.com/', fast)), address).toBe('forbidden_address');
      expect(spy.opened).toEqual([]);
    }
  });

  it('refuses internal literal addresses without resolving them', async () => {
    const spy = spyOpener();
    let resolved = 0;
    const client = new GuardedHttpClient(async () => {
      resolved++;
      return ['93.184.216.34'];
    }, spy.open);
    for (const url of ['http://127.0.0.1/', 'http://[::1]/', 'http://169.254.169.254/latest/meta-data', 'http://0x7f.1/', 'http://[::ffff:a00:1]/', 'http://2130706433/']) {
      expect(await reason(client.fetchGuarded(url, fast)), url).toBe('forbidden_address');
    }
    expect(resolved).toBe(0);
    expect(spy.opened).toEqual([]);
  });

  it('refuses other schemes and credentials in the URL', async () => {
    const spy = spyOpener();
    const client = new GuardedHttpClient(resolvesTo('93.184.216.34'), spy.open);
    for (const url of ['file:///etc/passwd', 'ftp://example.com/', 'gopher://example.com/', 'http://user:pw@example.com/', 'not a url']) {
      expect(await reason(client.fetchGuarded(url, fast)), url).toBe('invalid_url');
    }
    expect(spy.opened).toEqual([]);
  });

  it('fetches an allowed internal address, connecting to the vetted address', async () => {
    const spy = spyOpener();
    const client = new GuardedHttpClient(resolvesTo('127.0.0.1'), spy.open);
    const response = await client.fetchGuarded(`http://intranet.test:${port}/page`, { ...fast, allowedHosts: '127.0.0.0/8' });
    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toBe('text/html');
    expect(response.body.toString()).toContain('<title>Hi</title>');
    expect(response.truncated).toBe(false);
    expect(spy.opened).toEqual([`http://intranet.test:${port}/page`]);
  });

  it('resolves once and connects to the vetted address (a rebinding name cannot move the connection)', async () => {
    const answers = ['127.0.0.1', '10.0.0.1'];
    let resolved = 0;
    const client = new GuardedHttpClient(async () => [answers[resolved++] ?? '10.0.0.1'], spyOpener().open);
    // rebind.invalid exists nowhere: had the connection resolved the name again, it would have failed.
    const response = await client.fetchGuarded(`http://rebind.invalid:${port}/page`, { ...fast, allowedHosts: '127.0.0.1' });
    expect(response.status).toBe(200);
    expect(resolved).toBe(1);
  });

  it('checks every redirect: a hop to a private address is refused before connecting to it', async () => {
    const spy = spyOpener();
    const client = new GuardedHttpClient(resolvesTo('10.0.0.1'), spy.open);
    for (const target of ['http://169.254.169.254/latest/meta-data/', 'http://[::1]/', 'http://metadata.internal/']) {
      const before = spy.opened.length;
      const url = `${base}/to?${encodeURIComponent(target)}`;
      expect(await reason(client.fetchGuarded(url, { ...fast, allowedHosts: '127.0.0.1' })), target).toBe('forbidden_address');
      expect(spy.opened.slice(before)).toEqual([url]);
    }
  });

  it('follows allowed redirects, at most five', async () => {
    const client = new GuardedHttpClient(resolvesTo('127.0.0.1'), spyOpener().open);
    const followed = await client.fetchGuarded(`${base}/to?${encodeURIComponent('/page')}`, { ...fast, allowedHosts: '127.0.0.1' });
    expect(followed.url).toBe(`${base}/page`);
    expect(followed.status).toBe(200);
    expect(await reason(client.fetchGuarded(`${base}/loop`, { ...fast, allowedHosts: '127.0.0.1' }))).toBe('too_many_redirects');
  });

  it('stops reading at the size cap', async () => {
    const client = new GuardedHttpClient(resolvesTo('127.0.0.1'), spyOpener().open);
    const response = await client.fetchGuarded(`${base}/big`, { timeoutMs: 2_000, maxBytes: 4_096, allowedHosts: '127.0.0.1' });
    expect(response.truncated).toBe(true);
    expect(response.body.length).toBe(4_096);
  });

  it('stops reading when the caller has what it needs', async () => {
    const client = new GuardedHttpClient(resolvesTo('127.0.0.1'), spyOpener().open);
    let calls = 0;
    const response = await client.fetchGuarded(`${base}/big`, {
      timeoutMs: 2_000, maxBytes: 1_000_000, allowedHosts: '127.0.0.1', until: () => ++calls >= 1,
    });
    expect(response.truncated).toBe(true);
    expect(calls).toBe(1);
    expect(response.body.length).toBeLessThan(100_000);
  });

  it('gives up on a server that never answers', async () => {
    const client = new GuardedHttpClient(resolvesTo('127.0.0.1'), spyOpener().open);
    expect(await reason(client.fetchGuarded(`${base}/never`, { timeoutMs: 300, maxBytes: 1_000, allowedHosts: '127.0.0.1' }))).toBe('timeout');
  });

  it('gives up on a resolver that never answers', async () => {
    const spy = spyOpener();
    const client = new GuardedHttpClient(() => new Promise(() => {}), spy.open);
    expect(await reason(client.fetchGuarded('http://slow.example.com/', { timeoutMs: 200, maxBytes: 1_000 }))).toBe('timeout');
    expect(spy.opened).toEqual([]);
  });
});
