import type { CustomEmoji } from '@mattermost/types/emojis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser, raw, startTestServer, unique, type TestServer, type TestUser } from '../../harness.js';
import { recordEvents } from '../../team_fixtures.js';
import { animatedGif, blob, fetchRaw, form, imageMeta, solid, SVG } from '../pictures/images.js';

let server: TestServer;
let admin: TestUser;
let alice: TestUser;
beforeAll(async () => {
  server = await startTestServer();
  admin = await createUser(server, 'admin');
  alice = await createUser(server, 'alice');
});
afterAll(async () => {
  await server?.close();
});

const emojiName = (): string => unique('em').toLowerCase().replace(/[^a-z0-9_]/g, '_');

async function create(user: TestUser, name: string, image?: Buffer): Promise<CustomEmoji> {
  return user.client.createCustomEmoji({ name, creator_id: user.user.id } as CustomEmoji, blob(image ?? (await solid(32, 32))));
}

function createRaw(user: TestUser, image: Buffer, emoji: object): Promise<{ status: number; json: any }> {
  return fetchRaw(server, 'POST', '/emoji', user.token, { body: form(image, 'image', { emoji: JSON.stringify(emoji) }) });
}

describe('custom emoji', () => {
  it('creates an emoji that every reader finds by id, name, names, list, search and autocomplete, and announces it', async () => {
    const reader = await createUser(server, 'reader');
    const name = emojiName();
    const recorder = recordEvents(server);
    const emoji = await create(alice, name);
    recorder.stop();
    expect(emoji).toMatchObject({ name, creator_id: alice.user.id, delete_at: 0 });
    expect(emoji.id).toMatch(/^[a-z0-9]{26}$/);
    const added = recorder.events.find((e) => e.event === 'emoji_added');
    expect(JSON.parse(added?.data.emoji as string)).toMatchObject({ id: emoji.id, name });
    expect(added?.broadcast).toMatchObject({ user_id: '', channel_id: '', team_id: '' });

    expect(await reader.client.getCustomEmoji(emoji.id)).toMatchObject({ id: emoji.id, name });
    expect(await reader.client.getCustomEmojiByName(name)).toMatchObject({ id: emoji.id });
    expect((await reader.client.getCustomEmojisByNames([name, 'not_an_emoji_here'])).map((e) => e.id)).toEqual([emoji.id]);
    expect((await reader.client.getCustomEmojis(0, 200, 'name')).map((e) => e.id)).toContain(emoji.id);
    expect((await reader.client.searchCustomEmoji(name.slice(3), { prefix_only: false })).map((e) => e.id)).toContain(emoji.id);
    expect((await reader.client.searchCustomEmoji(name.slice(3), { prefix_only: true })).map((e) => e.id)).not.toContain(emoji.id);
    expect((await reader.client.autocompleteCustomEmoji(name.slice(0, 5))).map((e) => e.id)).toContain(emoji.id);

    const image = await fetchRaw(server, 'GET', `/emoji/${emoji.id}/image`, reader.token);
    expect(image.status).toBe(200);
    expect(image.headers.get('content-type')).toBe('image/png');
    expect(await imageMeta(image.bytes)).toMatchObject({ width: 32, height: 32 });
  });

  it('lists by name with paging', async () => {
    const prefix = emojiName();
    for (const suffix of ['c', 'a', 'b']) await create(alice, `${prefix}_${suffix}`);
    const names = (await alice.client.getCustomEmojis(0, 200, 'name')).map((e) => e.name).filter((n) => n.startsWith(prefix));
    expect(names).toEqual([`${prefix}_a`, `${prefix}_b`, `${prefix}_c`]);
    expect(await alice.client.getCustomEmojis(0, 2, 'name')).toHaveLength(2);
    expect((await raw(server, 'GET', '/emoji?sort=size', { token: alice.token })).status).toBe(400);
  });

  it('scales a large image to fit 128 x 128 and keeps an animated GIF animated', async () => {
    const still = await create(alice, emojiName(), await solid(600, 300, 'jpeg'));
    const stillImage = await fetchRaw(server, 'GET', `/emoji/${still.id}/image`, alice.token);
    expect(await imageMeta(stillImage.bytes)).toMatchObject({ format: 'png', width: 128, height: 64 });

    const small = await create(alice, emojiName(), await animatedGif(100, 80));
    expect(await imageMeta((await fetchRaw(server, 'GET', `/emoji/${small.id}/image`, alice.token)).bytes)).toMatchObject({ format: 'gif', pages: 3 });
    const big = await create(alice, emojiName(), await animatedGif(400, 300));
    const bigImage = await fetchRaw(server, 'GET', `/emoji/${big.id}/image`, alice.token);
    expect(bigImage.headers.get('content-type')).toBe('image/gif');
    expect(await imageMeta(bigImage.bytes)).toMatchObject({ format: 'gif', width: 128, height: 96, pages: 3 });
  });

  it('refuses a taken name, a system emoji name, a malformed name and another creator', async () => {
    const name = emojiName();
    await create(alice, name);
    const png = await solid(16, 16);
    expect((await createRaw(admin, png, { name, creator_id: admin.user.id })).json).toMatchObject({ status_code: 400, id: 'api.emoji.create.duplicate.app_error' });
    expect((await createRaw(alice, png, { name: 'smile', creator_id: alice.user.id })).json).toMatchObject({ status_code: 400, id: 'model.emoji.system_emoji_name.app_error' });
    for (const bad of ['Capital', 'has space', '', 'x'.repeat(65), 'semi;colon']) {
      expect((await createRaw(alice, png, { name: bad, creator_id: alice.user.id })).json).toMatchObject({ status_code: 400, id: 'model.emoji.name.app_error' });
    }
    expect((await createRaw(alice, png, { name: emojiName(), creator_id: admin.user.id })).json).toMatchObject({ status_code: 403, id: 'api.emoji.create.other_user.app_error' });
    const noJson = await fetchRaw(server, 'POST', '/emoji', alice.token, { body: form(png) });
    expect(noJson.json).toMatchObject({ status_code: 400, id: 'api.context.invalid_param.app_error' });
  });

  it('refuses non-images with 400 and uploads over 512 KiB with 413', async () => {
    for (const bytes of [Buffer.from('GIF but not really'), SVG]) {
      expect((await createRaw(alice, bytes, { name: emojiName(), creator_id: alice.user.id })).json).toMatchObject({ status_code: 400, id: 'api.emoji.upload.image.app_error' });
    }
    const huge = await createRaw(alice, Buffer.alloc(600 * 1024, 5), { name: emojiName(), creator_id: alice.user.id });
    expect(huge.json).toMatchObject({ status_code: 413, id: 'api.emoji.create.too_large.app_error' });
    // Without a declared length the cut comes while the file streams in.
    const boundary = 'h3boundary';
    const head = Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="image"; filename="a.png"\r\nContent-Type: image/png\r\n\r\n`);
    const chunks = [head, ...Array.from({ length: 10 }, () => Buffer.alloc(64 * 1024, 7)), Buffer.from(`\r\n--${boundary}--\r\n`)];
    const streamed = await fetch(`${server.url}/api/v4/emoji`, {
      method: 'POST', duplex: 'half',
      headers: { Authorization: `Bearer ${alice.token}`, 'Content-Type': `multipart/form-data; boundary=${boundary}` },
      body: new ReadableStream({ pull(controller) { const next = chunks.shift(); if (next) controller.enqueue(next); else controller.close(); } }),
    } as RequestInit);
    expect(streamed.status).toBe(413);
    const tooWide = await createRaw(alice, await solid(1100, 20), { name: emojiName(), creator_id: alice.user.id });
    expect(tooWide.json).toMatchObject({ status_code: 400, id: 'api.emoji.upload.large_image.too_large.app_error' });
  });

  it('lets creators delete their own, others only with delete_others_emojis, and frees the name', async () => {
    const bob = await createUser(server, 'bob');
    const name = emojiName();
    const emoji = await create(alice, name);
    const refused = await raw(server, 'DELETE', `/emoji/${emoji.id}`, { token: bob.token });
    expect(refused.status).toBe(403);
    await alice.client.deleteCustomEmoji(emoji.id);
    expect((await raw(server, 'GET', `/emoji/${emoji.id}`, { token: bob.token })).body).toMatchObject({ status_code: 404, id: 'app.emoji.get.no_result' });
    expect((await raw(server, 'GET', `/emoji/name/${name}`, { token: bob.token })).status).toBe(404);
    expect((await fetchRaw(server, 'GET', `/emoji/${emoji.id}/image`, bob.token)).status).toBe(404);

    const again = await create(bob, name);
    expect(again.id).not.toBe(emoji.id);
    await admin.client.deleteCustomEmoji(again.id);
    expect((await raw(server, 'DELETE', `/emoji/${again.id}`, { token: admin.token })).status).toBe(404);
  });

  it('answers 501 on every emoji route when EnableCustomEmoji is off, and says so in the client config', async () => {
    const emoji = await create(alice, emojiName());
    expect((await alice.client.getClientConfig()).EnableCustomEmoji).toBe('true');
    await admin.client.patchConfig({ ServiceSettings: { EnableCustomEmoji: false } } as never);
    try {
      expect((await alice.client.getClientConfig()).EnableCustomEmoji).toBe('false');
      const off = [
        await raw(server, 'GET', '/emoji', { token: alice.token }),
        await raw(server, 'GET', `/emoji/${emoji.id}`, { token: alice.token }),
        await raw(server, 'GET', `/emoji/name/${emoji.name}`, { token: alice.token }),
        await raw(server, 'POST', '/emoji/names', { token: alice.token, body: [emoji.name] }),
        await raw(server, 'GET', '/emoji/autocomplete?name=em', { token: alice.token }),
        await createRaw(alice, await solid(8, 8), { name: emojiName(), creator_id: alice.user.id }).then((r) => ({ status: r.status, body: r.json })),
      ];
      for (const res of off) expect(res.body).toMatchObject({ status_code: 501, id: 'api.emoji.disabled.app_error' });
    } finally {
      await admin.client.patchConfig({ ServiceSettings: { EnableCustomEmoji: true } } as never);
    }
  });

  it('refuses anonymous readers and bad input without a 5xx', async () => {
    expect((await raw(server, 'GET', '/emoji')).status).toBe(401);
    expect((await raw(server, 'GET', '/emoji/not-an-id', { token: alice.token })).status).toBe(400);
    expect((await raw(server, 'POST', '/emoji/names', { token: alice.token, body: [] })).status).toBe(400);
    const many = await raw(server, 'POST', '/emoji/names', { token: alice.token, body: Array.from({ length: 201 }, (_, i) => `n${i}`) });
    expect(many.body).toMatchObject({ status_code: 400, id: 'api.emoji.get_multiple_by_name_too_many.request_error' });
    expect((await raw(server, 'POST', '/emoji/search', { token: alice.token, body: { term: '' } })).status).toBe(400);
    expect((await raw(server, 'GET', '/emoji/autocomplete', { token: alice.token })).status).toBe(400);
    const broken = await fetchRaw(server, 'POST', '/emoji', alice.token, { body: form(await solid(8, 8), 'image', { emoji: '{not json' }) });
    expect(broken.status).toBe(400);
  });
});
