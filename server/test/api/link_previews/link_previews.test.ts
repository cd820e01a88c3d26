import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Channel } from '@mattermost/types/channels';
import type { Post } from '@mattermost/types/posts';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser, raw, startTestServer, type TestServer, type TestUser } from '../../harness.js';
import { channelWith, ensureAdmin, post, teamWith } from '../post_fixtures.js';
import { sleep, WsUser, type WsEvent } from '../../ws_client.js';

/** A web site on loopback: pages with Open Graph tags, an image, and misbehaving answers. Counts requests per path. */
class Site {
  readonly hits = new Map<string, number>();
  private server!: http.Server;
  base = '';
  png!: Buffer;

  async start(): Promise<void> {
    this.png = await sharp({ create: { width: 40, height: 30, channels: 3, background: '#c00' } }).png().toBuffer();
    this.server = http.createServer((req, res) => this.answer(req, res));
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.base = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  hitsOf(path: string): number {
    return this.hits.get(path) ?? 0;
  }

  private answer(req: http.IncomingMessage, res: http.ServerResponse): void {
    const path = (req.url ?? '').split('?')[0];
    this.hits.set(path, this.hitsOf(path) + 1);
    if (path.startsWith('/article')) {
      res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' });
      res.end(`<!doctype html><html><head><title>Fallback</title>
        <meta property="og:title" content="Parley &amp; friends">
        <meta property="og:description" content="A chat server.">
        <meta property="og:site_name" content="Example">
        <meta property="og:type" content="article">
        <meta property="og:image" content="/image.png">
        <meta property="og:image:width" content="40"><meta property="og:image:height" content="30">
        </head><body>${'x'.repeat(1000)}</body></html>`);
    } else if (path.startsWith('/title-only')) {
      res.writeHead(200, { 'Content-Type': 'text/html' });
      res.end('<html><head><title>Just a title</title><meta name="description" content="Plain page"></head><body></body></html>');
    } else if (path === '/moved') {
      res.writeHead(301, { Location: '/deep/latin' });
      res.end();
    } else if (path === '/deep/latin') {
      res.writeHead(200, { 'Content-Type': 'text/html; charset=iso-8859-1' });
      res.end(Buffer.from('<html><head><meta property="og:title" content="Caf\u00e9"><meta property="og:image" content="pic.png"></head></html>', 'latin1'));
    } else if (path === '/drawing.svg') {
      res.writeHead(200, { 'Content-Type': 'image/svg+xml' });
      res.end('<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><image href="http://169.254.169.254/"/></svg>');
    } else if (path.endsWith('.png')) {
      res.writeHead(200, { 'Content-Type': 'image/png' });
      res.end(this.png);
    } else if (path.startsWith('/to-metadata')) {
      res.writeHead(302, { Location: 'http://169.254.169.254/latest/meta-data/' });
      res.end();
    } else if (path.startsWith('/never')) {
      // Never answers: the preview must give up, the post must not wait.
    } else if (path.startsWith('/huge')) {
      // The Open Graph tags come after more than the server reads of a page.
      res.writeHead(200, { 'Content-Type': 'text/html' });
      res.end(`<html><head><meta name="filler" content="${'y'.repeat(400_000)}"><meta property="og:title" content="Too far"></head></html>`);
    } else {
      res.writeHead(404);
      res.end();
    }
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise((resolve) => this.server.close(resolve));
  }
}

const editedWithEmbed = (postId: string) => (e: WsEvent): boolean => {
  if (e.event !== 'post_edited') return false;
  const p = JSON.parse(e.data.post as string) as Post;
  return p.id === postId && p.metadata.embeds.length > 0;
};

/** Waits (up to 5 s) until `check` holds. */
async function eventually(check: () => Promise<boolean>): Promise<void> {
  for (let i = 0; i < 50; i++) {
    if (await check()) return;
    await sleep(100);
  }
  expect(await check()).toBe(true);
}

async function openGraph(server: TestServer, token: string | undefined, url: string) {
  return raw(server, 'POST', '/opengraph', { token, body: { url } });
}

describe('link previews', () => {
  const site = new Site();
  let server: TestServer;
  let admin: TestUser;
  let author: TestUser;
  let reader: TestUser;
  let outsider: TestUser;
  let channel: Channel;
  let ws: WsUser;

  beforeAll(async () => {
    await site.start();
    server = await startTestServer({}, {
      MM_SERVICESETTINGS_ALLOWEDUNTRUSTEDINTERNALCONNECTIONS: '127.0.0.1',
      MM_SERVICESETTINGS_RESTRICTLINKPREVIEWS: 'localhost',
    });
    admin = await ensureAdmin(server);
    const world = await teamWith(server, 2);
    [author, reader] = world.members;
    channel = await channelWith(world.owner, world.team.id, world.members);
    outsider = await createUser(server, 'outsider');
    ws = new WsUser(server, reader.token);
    await ws.connect();
  });

  afterAll(async () => {
    ws?.close();
    await server?.close();
    await site.close();
  });

  it('previews a page: the embed arrives as post_edited and is on every read', async () => {
    const from = ws.events.length;
    const created = await post(author, channel.id, `Read this: ${site.base}/article?a=1, it is good`);
    expect(created.metadata.embeds).toEqual([]);
    const edited = JSON.parse((await ws.waitFor(editedWithEmbed(created.id), from)).data.post as string) as Post;
    const link = `${site.base}/article?a=1`;
    const imageUrl = `${site.base}/image.png`;
    expect(edited.metadata.embeds).toEqual([{
      type: 'opengraph', url: link,
      data: { type: 'article', title: 'Parley & friends', description: 'A chat server.', site_name: 'Example', url: link, images: [{ url: imageUrl, width: 40, height: 30 }] },
    }]);
    expect(edited.metadata.images).toEqual({ [imageUrl]: { width: 40, height: 30, format: 'png', frame_count: 0 } });
    expect(edited.edit_at).toBe(0);

    const reread = await reader.client.getPost(created.id);
    expect(reread.metadata.embeds).toEqual(edited.metadata.embeds);
    const page = await reader.client.getPosts(channel.id, 0, 30);
    expect(page.posts[created.id].metadata.embeds).toEqual(edited.metadata.embeds);
    expect(page.posts[created.id].metadata.images).toEqual(edited.metadata.images);

    // A second post of the same link is served from the cache: announced, not fetched again.
    const hits = site.hitsOf('/article');
    const again = await post(author, channel.id, link);
    await ws.waitFor(editedWithEmbed(again.id), from);
    expect(site.hitsOf('/article')).toBe(hits);
  });

  it('announces the preview with a later update_at, which the Mattermost web app needs to take the post again', async () => {
    const from = ws.events.length;
    const created = await post(author, channel.id, `${site.base}/article?a=update-at`);
    const edited = JSON.parse((await ws.waitFor(editedWithEmbed(created.id), from)).data.post as string) as Post;
    // The web app drops a received post whose update_at equals the stored one's (shouldUpdatePost).
    expect(edited.update_at).toBeGreaterThan(created.update_at);
    expect(edited.edit_at).toBe(0);
    expect((await reader.client.getPost(created.id)).update_at).toBe(edited.update_at);
  });

  it('previews an image link with its size', async () => {
    const from = ws.events.length;
    const link = `${site.base}/picture.png`;
    const created = await post(author, channel.id, `look ${link}`);
    const edited = JSON.parse((await ws.waitFor(editedWithEmbed(created.id), from)).data.post as string) as Post;
    expect(edited.metadata.embeds).toEqual([{ type: 'image', url: link }]);
    expect(edited.metadata.images).toEqual({ [link]: { width: 40, height: 30, format: 'png', frame_count: 0 } });
  });

  it('reads a page where a redirect led, in the charset it names', async () => {
    const from = ws.events.length;
    const link = `${site.base}/moved`;
    const created = await post(author, channel.id, link);
    const edited = JSON.parse((await ws.waitFor(editedWithEmbed(created.id), from)).data.post as string) as Post;
    const imageUrl = `${site.base}/deep/pic.png`;
    expect(edited.metadata.embeds).toEqual([{
      type: 'opengraph', url: link, data: { type: 'website', title: 'Caf\u00e9', url: `${site.base}/deep/latin`, images: [{ url: imageUrl }] },
    }]);
    expect(edited.metadata.images).toEqual({ [imageUrl]: { width: 40, height: 30, format: 'png', frame_count: 0 } });
  });

  it('gives an SVG link no preview (only PNG, JPEG, GIF and WebP are read)', async () => {
    const link = `${site.base}/drawing.svg`;
    const created = await post(author, channel.id, link);
    expect((await openGraph(server, reader.token, link)).body).toEqual({ url: '', images: [] });
    expect(site.hitsOf('/drawing.svg')).toBe(1);
    expect((await reader.client.getPost(created.id)).metadata.embeds).toEqual([]);
  });

  it('previews the link an edit adds', async () => {
    const created = await post(author, channel.id, 'no link yet');
    const from = ws.events.length;
    const link = `${site.base}/title-only`;
    await author.client.patchPost({ id: created.id, message: `now ${link}` });
    const edited = JSON.parse((await ws.waitFor(editedWithEmbed(created.id), from)).data.post as string) as Post;
    expect(edited.metadata.embeds).toEqual([{ type: 'opengraph', url: link, data: { type: 'website', title: 'Just a title', description: 'Plain page', url: link, images: [] } }]);
  });

  it('skips links in code and takes the first link outside it', async () => {
    const from = ws.events.length;
    const created = await post(author, channel.id, `\`${site.base}/picture-in-code.png\`\n\`\`\`\n${site.base}/picture-in-block.png\n\`\`\`\nthen ${site.base}/article?code=1`);
    const edited = JSON.parse((await ws.waitFor(editedWithEmbed(created.id), from)).data.post as string) as Post;
    expect(edited.metadata.embeds[0].url).toBe(`${site.base}/article?code=1`);
    expect(site.hitsOf('/picture-in-code.png')).toBe(0);
    expect(site.hitsOf('/picture-in-block.png')).toBe(0);
  });

  it('removes the preview of a post whose author sets remove_link_preview', async () => {
    const from = ws.events.length;
    const created = await post(author, channel.id, `${site.base}/article?remove=1`);
    await ws.waitFor(editedWithEmbed(created.id), from);
    const at = ws.events.length;
    await author.client.patchPost({ id: created.id, props: { remove_link_preview: 'true' } });
    const edited = await ws.waitFor((e) => e.event === 'post_edited' && (JSON.parse(e.data.post as string) as Post).id === created.id, at);
    expect((JSON.parse(edited.data.post as string) as Post).metadata.embeds).toEqual([]);
    expect((await reader.client.getPost(created.id)).metadata.embeds).toEqual([]);
  });

  it('refuses a redirect to the metadata address; the post has no preview', async () => {
    const link = `${site.base}/to-metadata`;
    const created = await post(author, channel.id, link);
    // The same URL through /opengraph waits for the post's fetch (one fetch per URL at a time) or makes it.
    expect((await openGraph(server, reader.token, link)).body).toEqual({ url: '', images: [] });
    expect(site.hitsOf('/to-metadata')).toBe(1);
    expect((await reader.client.getPost(created.id)).metadata.embeds).toEqual([]);
  });

  it('gives up on a site that never answers without holding up the post', async () => {
    const link = `${site.base}/never`;
    const created = await post(author, channel.id, `slow ${link}`);
    expect(created.id).toBeTruthy();
    expect((await openGraph(server, reader.token, link)).body).toEqual({ url: '', images: [] });
    expect((await reader.client.getPost(created.id)).metadata.embeds).toEqual([]);
  });

  it('reads no further than the size cap', async () => {
    const link = `${site.base}/huge`;
    const created = await post(author, channel.id, link);
    expect((await openGraph(server, reader.token, link)).body).toEqual({ url: '', images: [] });
    expect((await reader.client.getPost(created.id)).metadata.embeds).toEqual([]);
  });

  it('never fetches a restricted domain', async () => {
    const port = new URL(site.base).port;
    const link = `http://localhost:${port}/article?restricted=1`;
    await post(author, channel.id, link);
    expect((await openGraph(server, reader.token, link)).body).toEqual({ url: '', images: [] });
    await sleep(300);
    expect([...site.hits.keys()].some((path) => path.includes('restricted'))).toBe(false);
    expect(site.hitsOf('/article')).toBeGreaterThan(0);
  });

  it('refuses to fetch internal addresses the admin did not allow', async () => {
    expect((await openGraph(server, reader.token, 'http://169.254.169.254/latest/meta-data/')).body).toEqual({ url: '', images: [] });
    expect((await openGraph(server, reader.token, 'http://[::1]:9/')).body).toEqual({ url: '', images: [] });
  });

  it('POST /opengraph: the page data for a logged-in user, 401 without a session, 400 for a non-URL', async () => {
    const link = `${site.base}/article?og=1`;
    const answer = await openGraph(server, outsider.token, link);
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({ title: 'Parley & friends', site_name: 'Example', url: link });
    expect((await openGraph(server, undefined, link)).status).toBe(401);
    expect((await openGraph(server, reader.token, 'javascript:alert(1)')).status).toBe(400);
    expect((await openGraph(server, reader.token, 'file:///etc/passwd')).status).toBe(400);
  });

  it('keeps previews from members of other channels', async () => {
    const secret = await post(author, channel.id, `${site.base}/article?secret=1`);
    const response = await raw(server, 'GET', `/posts/${secret.id}`, { token: outsider.token });
    expect(response.status).toBe(403);
  });

  it('tells clients that link previews are on', async () => {
    const config = await reader.client.getClientConfig();
    expect(config.EnableLinkPreviews).toBe('true');
  });

  it('forgets every preview when the admin turns previews off', async () => {
    const from = ws.events.length;
    const created = await post(author, channel.id, `${site.base}/article?off=1`);
    await ws.waitFor(editedWithEmbed(created.id), from);
    await admin.client.patchConfig({ ServiceSettings: { EnableLinkPreviews: false } });
    try {
      // The cache is cleared as the new settings are applied, just after the save is answered.
      await eventually(async () => (await reader.client.getPost(created.id)).metadata.embeds.length === 0);
      expect((await reader.client.getClientConfig()).EnableLinkPreviews).toBe('false');
    } finally {
      await admin.client.patchConfig({ ServiceSettings: { EnableLinkPreviews: true } });
    }
  });
});

describe('link previews turned off', () => {
  const site = new Site();
  let server: TestServer;

  beforeAll(async () => {
    await site.start();
    server = await startTestServer({}, {
      MM_SERVICESETTINGS_ALLOWEDUNTRUSTEDINTERNALCONNECTIONS: '127.0.0.1', MM_SERVICESETTINGS_ENABLELINKPREVIEWS: 'false',
    });
  });

  afterAll(async () => {
    await server?.close();
    await site.close();
  });

  it('fetches nothing, shows no embed, and answers /opengraph with 501', async () => {
    await ensureAdmin(server);
    const world = await teamWith(server, 1);
    const channel = await channelWith(world.owner, world.team.id, world.members);
    const created = await post(world.members[0], channel.id, `${site.base}/article`);
    expect((await openGraph(server, world.members[0].token, `${site.base}/article`)).status).toBe(501);
    await sleep(300);
    expect(site.hitsOf('/article')).toBe(0);
    expect((await world.members[0].client.getPost(created.id)).metadata.embeds).toEqual([]);
    expect((await world.members[0].client.getClientConfig()).EnableLinkPreviews).toBe('false');
  });
});
