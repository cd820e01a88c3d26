import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { request } from 'node:http';
import { brotliCompressSync, brotliDecompressSync, gunzipSync, gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { raw, startTestServer, type TestServer } from '../harness.js';

const INDEX = '<!doctype html><html><head><script type="module" src="/assets/index-Ab12Cd34.js"></script></head><body><div id="root"></div></body></html>';
const SCRIPT = `export const greeting = ${JSON.stringify('hello '.repeat(2000))};\n`;

/** A built web client in miniature: index.html and one hashed asset with its .br and .gz copies. */
function writeWebDir(): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'parley-web-'));
  mkdirSync(path.join(dir, 'assets'));
  writeFileSync(path.join(dir, 'index.html'), INDEX);
  writeFileSync(path.join(dir, 'favicon.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>');
  const asset = path.join(dir, 'assets', 'index-Ab12Cd34.js');
  writeFileSync(asset, SCRIPT);
  writeFileSync(`${asset}.br`, brotliCompressSync(SCRIPT));
  writeFileSync(`${asset}.gz`, gzipSync(SCRIPT));
  return dir;
}

/** fetch() would decode the body and hide Content-Encoding handling; this returns the bytes as sent. */
function get(url: string, headers: Record<string, string> = {}): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: Buffer }> {
  return new Promise((resolve, reject) => {
    request(url, { headers }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, headers: response.headers, body: Buffer.concat(chunks) }));
      response.on('error', reject);
    }).on('error', reject).end();
  });
}

function expectCommonHeaders(headers: Record<string, string | string[] | undefined>): void {
  expect(headers['x-content-type-options']).toBe('nosniff');
  expect(headers['x-frame-options']).toBe('DENY');
  expect(headers['referrer-policy']).toBe('strict-origin-when-cross-origin');
}

function expectClientPolicy(headers: Record<string, string | string[] | undefined>, host: string): void {
  expectCommonHeaders(headers);
  const policy = Object.fromEntries(String(headers['content-security-policy']).split(';').map((d) => {
    const [name, ...values] = d.trim().split(/\s+/);
    return [name, values.join(' ')];
  }));
  expect(policy).toMatchObject({
    'default-src': "'self'", 'script-src': "'self'", 'style-src': "'self'", 'object-src': "'none'", 'base-uri': "'self'",
    'form-action': "'self'", 'frame-ancestors': "'none'", 'connect-src': `'self' ws://${host} wss://${host}`,
  });
  expect(policy['img-src']).toContain("'self'");
}

describe('security headers and the web client\'s files', () => {
  let server: TestServer;
  let webDir: string;
  let host: string;
  beforeAll(async () => {
    webDir = writeWebDir();
    server = await startTestServer({ webDir });
    host = new URL(server.url).host;
  });
  afterAll(async () => {
    await server?.close();
    rmSync(webDir, { recursive: true, force: true });
  });

  it('serves the app\'s page with the client policy, framing refused, and revalidated on every load', async () => {
    const response = await get(`${server.url}/`);
    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toMatch(/^text\/html/);
    expect(response.body.toString()).toBe(INDEX);
    expectClientPolicy(response.headers, host);
    expect(response.headers['cache-control']).toBe('no-cache');
  });

  it('serves a client route through the fallback with the same page and headers', async () => {
    const response = await get(`${server.url}/acme/channels/town-square`);
    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toMatch(/^text\/html/);
    expect(response.body.toString()).toBe(INDEX);
    expectClientPolicy(response.headers, host);
    expect(response.headers['cache-control']).toBe('no-cache');
  });

  it('names the page\'s WebSocket origins from its host, and ignores a Host that is not a plain host', async () => {
    const named = await get(`${server.url}/`, { Host: 'chat.example.com' });
    expect(named.headers['content-security-policy']).toMatch(/connect-src 'self' ws:\/\/chat\.example\.com wss:\/\/chat\.example\.com$/);
    const hostile = await get(`${server.url}/`, { Host: "x; script-src 'unsafe-inline'" });
    expect(hostile.headers['content-security-policy']).toMatch(/connect-src 'self'$/);
    expect(hostile.headers['content-security-policy']).not.toContain('unsafe-inline');
  });

  it('serves a hashed asset as immutable, brotli or gzip by Accept-Encoding, with the original bytes inside', async () => {
    const url = `${server.url}/assets/index-Ab12Cd34.js`;
    const br = await get(url, { 'Accept-Encoding': 'gzip, deflate, br' });
    expect(br.status).toBe(200);
    expect(br.headers['content-encoding']).toBe('br');
    expect(br.headers['content-type']).toMatch(/^(text|application)\/javascript/);
    expect(br.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(br.headers.vary).toContain('Accept-Encoding');
    expect(Number(br.headers['content-length'])).toBe(br.body.length);
    expect(br.body.length).toBeLessThan(SCRIPT.length / 10);
    expect(brotliDecompressSync(br.body).toString()).toBe(SCRIPT);
    expectCommonHeaders(br.headers);

    const gz = await get(url, { 'Accept-Encoding': 'gzip' });
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(gz.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(gunzipSync(gz.body).toString()).toBe(SCRIPT);

    const plain = await get(url);
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.headers.vary).toContain('Accept-Encoding');
    expect(plain.body.toString()).toBe(SCRIPT);
  });

  it('does not answer a missing asset with the app\'s page, nor expose the compressed copies by name', async () => {
    const missing = await get(`${server.url}/assets/gone-Zz99Yy88.js`);
    expect(missing.status).toBe(404);
    expect(missing.headers['content-type']).toBe('application/json');
    expectCommonHeaders(missing.headers);
    expect((await get(`${server.url}/assets/index-Ab12Cd34.js.br`)).status).toBe(404);
    // Nor the metrics path: those live on their own address.
    const metrics = await get(`${server.url}/metrics`);
    expect(metrics.status).toBe(404);
    expect(metrics.body.toString()).not.toContain('parley_');
  });

  it('revalidates unhashed files such as the favicon', async () => {
    const response = await get(`${server.url}/favicon.svg`);
    expect(response.status).toBe(200);
    expect(response.headers['cache-control']).toBe('no-cache');
    expectClientPolicy(response.headers, host);
  });

  it('marks API JSON responses nosniff and gives them a policy that allows nothing', async () => {
    const ok = await raw(server, 'GET', '/system/ping');
    expect(ok.status).toBe(200);
    expect(ok.headers.get('x-content-type-options')).toBe('nosniff');
    expect(ok.headers.get('x-frame-options')).toBe('DENY');
    expect(ok.headers.get('content-security-policy')).toBe("default-src 'none'; frame-ancestors 'none'");
  });

  it('carries the headers on error responses too', async () => {
    const unauthorized = await raw(server, 'GET', '/users/me');
    expect(unauthorized.status).toBe(401);
    expect(unauthorized.headers.get('x-content-type-options')).toBe('nosniff');
    expect(unauthorized.headers.get('content-security-policy')).toBe("default-src 'none'; frame-ancestors 'none'");
    const badJson = await raw(server, 'POST', '/users/login', { body: '{"login_id":' });
    expect(badJson.status).toBe(400);
    expect(badJson.headers.get('x-content-type-options')).toBe('nosniff');
    expect(badJson.headers.get('x-frame-options')).toBe('DENY');
    const unknownRoute = await raw(server, 'GET', '/no/such/route');
    expect(unknownRoute.status).toBe(404);
    expect(unknownRoute.headers.get('x-content-type-options')).toBe('nosniff');
    // The router's own errors (a URL it cannot decode, an overlong parameter) run no hooks.
    for (const path of ['/users/%%%', `/users/${'a'.repeat(300)}`]) {
      const undecodable = await raw(server, 'GET', path);
      expect(undecodable.status, path).toBe(400);
      expect(undecodable.headers.get('x-content-type-options')).toBe('nosniff');
      expect(undecodable.headers.get('x-frame-options')).toBe('DENY');
      expect(undecodable.headers.get('content-security-policy')).toBe("default-src 'none'; frame-ancestors 'none'");
      expect(undecodable.headers.get('x-request-id')).toBe(undecodable.body.request_id);
    }
  });
});

describe('security headers without a web client, with a site URL', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ siteUrl: 'https://chat.example.com' });
  });
  afterAll(async () => {
    await server?.close();
  });

  it('marks the 404 for a page path nosniff and unframeable, naming the site\'s WebSocket origin only', async () => {
    const response = await get(`${server.url}/acme/channels/town-square`);
    expect(response.status).toBe(404);
    expectCommonHeaders(response.headers);
    expect(response.headers['content-security-policy']).toContain("frame-ancestors 'none'");
    expect(response.headers['content-security-policy']).toMatch(/connect-src 'self' wss:\/\/chat\.example\.com$/);
  });
});
