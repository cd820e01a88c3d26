import type { UserProfile } from '@mattermost/types/users';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser, startTestServer, type TestServer, type TestUser } from '../../harness.js';
import { recordEvents } from '../../team_fixtures.js';
import { blob, fetchRaw, form, imageMeta, solid, SVG } from './images.js';

let server: TestServer;
let admin: TestUser;
beforeAll(async () => {
  server = await startTestServer();
  admin = await createUser(server, 'admin');
});
afterAll(async () => {
  await server?.close();
});

describe('profile pictures', () => {
  it('stores an upload as a 128 px square PNG, bumps last_picture_update and tells every client', async () => {
    const me = await createUser(server, 'pic');
    const other = await createUser(server, 'viewer');
    const recorder = recordEvents(server);
    const before = Date.now();
    await me.client.uploadProfileImage(me.user.id, blob(await solid(300, 200, 'jpeg'), 'image/jpeg'));
    recorder.stop();
    const updated = await me.client.getMe();
    expect(updated.last_picture_update).toBeGreaterThanOrEqual(before);
    const event = recorder.events.find((e) => e.event === 'user_updated' && (e.data.user as UserProfile).id === me.user.id);
    expect((event?.data.user as UserProfile).last_picture_update).toBe(updated.last_picture_update);

    const url = new URL(other.client.getProfilePictureUrl(me.user.id, updated.last_picture_update));
    const got = await fetchRaw(server, 'GET', url.pathname.replace('/api/v4', '') + url.search, other.token);
    expect(got.status).toBe(200);
    expect(got.headers.get('content-type')).toBe('image/png');
    expect(got.headers.get('etag')).toBe(String(updated.last_picture_update));
    expect(got.headers.get('cache-control')).toContain('no-cache');
    expect(await imageMeta(got.bytes)).toMatchObject({ format: 'png', width: 128, height: 128 });

    const again = await fetchRaw(server, 'GET', `/users/${me.user.id}/image`, other.token, { headers: { 'If-None-Match': got.headers.get('etag') ?? '' } });
    expect(again.status).toBe(304);
    expect(again.bytes.length).toBe(0);
    const stale = await fetchRaw(server, 'GET', `/users/${me.user.id}/image`, other.token, { headers: { 'If-None-Match': '"1"' } });
    expect(stale.status).toBe(200);
  });

  it('serves the generated picture until one is uploaded, and again after DELETE', async () => {
    const me = await createUser(server, 'dflt');
    const generated = await fetchRaw(server, 'GET', `/users/${me.user.id}/image/default`, me.token);
    expect(generated.status).toBe(200);
    const initial = await fetchRaw(server, 'GET', `/users/${me.user.id}/image`, me.token);
    expect(initial.headers.get('etag')).toBe('0');
    expect(initial.bytes.equals(generated.bytes)).toBe(true);

    await me.client.uploadProfileImage(me.user.id, blob(await solid(64, 64, 'webp'), 'image/webp'));
    const uploaded = await fetchRaw(server, 'GET', `/users/${me.user.id}/image`, me.token);
    expect(uploaded.bytes.equals(generated.bytes)).toBe(false);

    await me.client.setDefaultProfileImage(me.user.id);
    expect((await me.client.getMe()).last_picture_update).toBe(0);
    const reset = await fetchRaw(server, 'GET', `/users/${me.user.id}/image`, me.token);
    expect(reset.bytes.equals(generated.bytes)).toBe(true);
  });

  it('lets nobody else change a picture, except an admin who may edit other users', async () => {
    const me = await createUser(server, 'mine');
    const intruder = await createUser(server, 'intruder');
    const png = await solid(50, 50);
    const refused = await fetchRaw(server, 'POST', `/users/${me.user.id}/image`, intruder.token, { body: form(png) });
    expect(refused.status).toBe(403);
    expect((await fetchRaw(server, 'DELETE', `/users/${me.user.id}/image`, intruder.token)).status).toBe(403);
    expect((await me.client.getMe()).last_picture_update).toBe(0);

    await admin.client.uploadProfileImage(me.user.id, blob(png));
    expect((await me.client.getMe()).last_picture_update).toBeGreaterThan(0);
  });

  it('refuses what is not a PNG, JPEG, GIF or WebP image with 400', async () => {
    const me = await createUser(server, 'bad');
    for (const bytes of [Buffer.from('just some text, not an image'), SVG, (await solid(40, 40)).subarray(0, 60)]) {
      const res = await fetchRaw(server, 'POST', `/users/${me.user.id}/image`, me.token, { body: form(bytes) });
      expect(res.status).toBe(400);
      expect(res.json.id).toBe('api.user.upload_profile_user.decode.app_error');
    }
    const noFile = await fetchRaw(server, 'POST', `/users/${me.user.id}/image`, me.token, { body: form(await solid(20, 20), 'picture') });
    expect(noFile.json).toMatchObject({ status_code: 400, id: 'api.user.upload_profile_user.no_file.app_error' });
    const notForm = await fetchRaw(server, 'POST', `/users/${me.user.id}/image`, me.token, { headers: { 'Content-Type': 'application/json' } });
    expect(notForm.json).toMatchObject({ status_code: 400, id: 'api.user.upload_profile_user.parse.app_error' });
    expect((await me.client.getMe()).last_picture_update).toBe(0);
  });

  it('answers 413 for an upload over FileSettings.MaxFileSize', async () => {
    const me = await createUser(server, 'big');
    await admin.client.patchConfig({ FileSettings: { MaxFileSize: 20_000 } } as never);
    try {
      const big = await solid(2000, 2000, 'png', 7);
      const noise = Buffer.concat([big, Buffer.alloc(30_000, 1)]);
      const res = await fetchRaw(server, 'POST', `/users/${me.user.id}/image`, me.token, { body: form(noise) });
      expect(res.status).toBe(413);
      expect(res.json.id).toBe('api.user.upload_profile_user.too_large.app_error');
    } finally {
      await admin.client.patchConfig({ FileSettings: { MaxFileSize: 104857600 } } as never);
    }
    expect((await me.client.getMe()).last_picture_update).toBe(0);
  });

  it('keeps pictures behind sign-in and answers 404 for an unknown user', async () => {
    const me = await createUser(server, 'anon');
    const response = await fetch(`${server.url}/api/v4/users/${me.user.id}/image`);
    expect(response.status).toBe(401);
    const unknown = await fetchRaw(server, 'GET', '/users/abcdefghijklmnopqrstuvwxyz/image', me.token);
    expect(unknown.status).toBe(404);
  });
});
