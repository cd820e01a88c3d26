import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { AdminConfig } from '@mattermost/types/config';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser, newClient, raw, startTestServer, type TestServer, type TestUser } from '../../harness.js';
import { ensureAdmin } from '../post_fixtures.js';

// ImageProxySettings (type local): GET /image?url= fetches a picture for the reader, only from addresses the server
// may reach, and answers only real PNG/JPEG/GIF/WebP bytes; with the proxy off it redirects, as Mattermost does.

let server: TestServer;
let admin: TestUser;
let reader: TestUser;
let site: http.Server;
let siteBase = '';
let png: Buffer;
const hits: string[] = [];

beforeAll(async () => {
  png = await sharp({ create: { width: 12, height: 8, channels: 3, background: '#08c' } }).png().toBuffer();
  site = http.createServer((req, res) => {
    hits.push(req.url ?? '');
    if (req.url === '/pic.png') res.writeHead(200, { 'Content-Type': 'image/png' }).end(png);
    else if (req.url === '/mislabelled.jpg') res.writeHead(200, { 'Content-Type': 'image/jpeg' }).end('<html><script>alert(1)</script></html>');
    else if (req.url === '/drawing.svg') res.writeHead(200, { 'Content-Type': 'image/svg+xml' }).end('<svg xmlns="http://www.w3.org/2000/svg"/>');
    else if (req.url === '/to-metadata') res.writeHead(302, { Location: 'http://169.254.169.254/latest/meta-data/' }).end();
    else res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => site.listen(0, '127.0.0.1', resolve));
  siteBase = `http://127.0.0.1:${(site.address() as AddressInfo).port}`;
  server = await startTestServer({}, { MM_SERVICESETTINGS_ALLOWEDUNTRUSTEDINTERNALCONNECTIONS: '127.0.0.1' });
  admin = await ensureAdmin(server);
  reader = await createUser(server, 'reader');
});

afterAll(async () => {
  await server?.close();
  site?.closeAllConnections();
  await new Promise((resolve) => site?.close(resolve));
});

const image = (url: string, token = reader.token) => fetch(`${server.url}/api/v4/image?url=${encodeURIComponent(url)}`, {
  headers: token ? { Authorization: `Bearer ${token}` } : {}, redirect: 'manual',
});

async function setProxy(enabled: boolean): Promise<void> {
  await admin.client.patchConfig({ ImageProxySettings: { Enable: enabled, ImageProxyType: 'local' } } as unknown as AdminConfig);
}

describe('image proxy', () => {
  it('is off by default: clients are told so, and /image redirects to the picture without fetching it', async () => {
    expect((await newClient(server).getClientConfig()).HasImageProxy).toBe('false');
    const answer = await image(`${siteBase}/pic.png`);
    expect(answer.status).toBe(302);
    expect(answer.headers.get('location')).toBe(`${siteBase}/pic.png`);
    expect(hits).toEqual([]);
  });

  it('when on, serves the picture from the server under its own type, never sniffed, cached privately', async () => {
    await setProxy(true);
    expect((await newClient(server).getClientConfig()).HasImageProxy).toBe('true');
    const answer = await image(`${siteBase}/pic.png`);
    expect(answer.status).toBe(200);
    expect(answer.headers.get('content-type')).toBe('image/png');
    expect(answer.headers.get('x-content-type-options')).toBe('nosniff');
    expect(answer.headers.get('cache-control')).toBe('max-age=86400, private');
    expect(Buffer.from(await answer.arrayBuffer()).equals(png)).toBe(true);
    expect(hits).toEqual(['/pic.png']);
  });

  it('serves nothing that is not a PNG, JPEG, GIF or WebP, whatever the site calls it', async () => {
    for (const path of ['/mislabelled.jpg', '/drawing.svg', '/missing.png']) {
      const answer = await image(`${siteBase}${path}`);
      expect(answer.status, path).toBe(404);
      expect(await answer.json()).toMatchObject({ id: 'api.image.get.app_error', status_code: 404 });
    }
  });

  it('refuses private, link-local and redirected-to-internal addresses before connecting', async () => {
    const before = hits.length;
    for (const url of ['http://10.0.0.1/pic.png', 'http://169.254.169.254/latest/meta-data/', 'http://[::1]/pic.png']) {
      const answer = await image(url);
      expect(answer.status, url).toBe(403);
      expect(await answer.json()).toMatchObject({ id: 'api.image.get.app_error', status_code: 403 });
    }
    expect(hits.length).toBe(before);
    expect((await image(`${siteBase}/to-metadata`)).status).toBe(403);
  });

  it('answers 400 to a URL that is not http(s), and 401 without a session', async () => {
    for (const url of ['javascript:alert(1)', 'data:image/png;base64,AAAA', 'ftp://example.com/a.png', 'http://user:secret@example.com/a.png']) {
      const answer = await image(url);
      expect(answer.status, url).toBe(400);
      expect(await answer.json()).toMatchObject({ id: 'api.image.get.app_error' });
    }
    expect((await raw(server, 'GET', '/image', { token: reader.token })).status).toBe(400);
    expect((await image(`${siteBase}/pic.png`, '')).status).toBe(401);
  });
});
