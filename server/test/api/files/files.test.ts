import type { Channel } from '@mattermost/types/channels';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser, raw, startTestServer, type TestServer, type TestUser } from '../../harness.js';
import { channelWith, ensureAdmin, post, teamWith, type TeamWorld } from '../post_fixtures.js';
import { getFile, png, storedForChannel, upload } from './file_fixtures.js';

let server: TestServer;
let admin: TestUser;
let world: TeamWorld;
let channel: Channel;
/** In the team, not in the channel. */
let outsider: TestUser;

beforeAll(async () => {
  server = await startTestServer();
  admin = await ensureAdmin(server);
  world = await teamWith(server, 2);
  channel = await channelWith(world.owner, world.team.id, [world.members[0]]);
  outsider = world.members[1];
});
afterAll(async () => {
  await server?.close();
});

describe('upload, post and read back', () => {
  it('round-trips an image: upload, post with file_ids, thumbnail, preview, download, info', async () => {
    const { owner } = world;
    const bytes = await png(400, 300);
    const uploaded = await upload(owner, channel.id, [{ name: 'picture.png', bytes, type: 'image/png' }], ['client-1']);
    expect(uploaded.client_ids).toEqual(['client-1']);
    expect(uploaded.file_infos).toHaveLength(1);
    const info = uploaded.file_infos[0];
    expect(info).toMatchObject({
      name: 'picture.png', extension: 'png', size: bytes.length, mime_type: 'image/png', width: 400, height: 300,
      has_preview_image: true, channel_id: channel.id, user_id: owner.user.id, post_id: '', delete_at: 0,
    });
    expect(info.mini_preview).toMatch(/^[A-Za-z0-9+/]+=*$/);
    expect(info).not.toHaveProperty('path');

    const created = await post(owner, channel.id, 'with a picture', { file_ids: [info.id] });
    expect(created.file_ids).toEqual([info.id]);
    expect(created.metadata.files?.map((f) => f.id)).toEqual([info.id]);
    const infos = await world.members[0].client.getFileInfosForPost(created.id);
    expect(infos.map((f) => [f.id, f.post_id])).toEqual([[info.id, created.id]]);
    const again = await world.members[0].client.getPost(created.id);
    expect(again.metadata.files?.[0]).toMatchObject({ id: info.id, width: 400, height: 300 });
    const page = await world.members[0].client.getPosts(channel.id);
    expect(page.posts[created.id].metadata.files?.[0].id).toBe(info.id);

    const reader = world.members[0];
    const file = await getFile(server, reader, `/api/v4/files/${info.id}`);
    expect(file.status).toBe(200);
    expect(file.bytes.equals(bytes)).toBe(true);
    expect(file.headers.get('content-type')).toBe('image/png');
    expect(file.headers.get('content-disposition')).toMatch(/^inline; filename="picture.png"/);
    expect(file.headers.get('x-content-type-options')).toBe('nosniff');
    expect(file.headers.get('cache-control')).toContain('private');
    const download = await getFile(server, reader, `/api/v4/files/${info.id}?download=1`);
    expect(download.headers.get('content-disposition')).toMatch(/^attachment;/);

    const thumbnail = await getFile(server, reader, `/api/v4/files/${info.id}/thumbnail`);
    expect(thumbnail.headers.get('content-type')).toBe('image/jpeg');
    // Mattermost's thumbnail covers 120x100: a 4:3 picture becomes 100 high.
    expect(await sharp(thumbnail.bytes).metadata()).toMatchObject({ format: 'jpeg', width: 133, height: 100 });
    const preview = await getFile(server, reader, `/api/v4/files/${info.id}/preview`);
    expect(await sharp(preview.bytes).metadata()).toMatchObject({ format: 'jpeg', width: 400, height: 300 });
    const read = await getFile(server, reader, `/api/v4/files/${info.id}/info`);
    expect(read.json()).toMatchObject({ id: info.id, post_id: created.id, name: 'picture.png' });
  });

  it('applies EXIF orientation to the dimensions and previews, and keeps the original bytes', async () => {
    const sideways = await sharp({ create: { width: 200, height: 100, channels: 3, background: '#336699' } }).jpeg().withMetadata({ orientation: 6 }).toBuffer();
    const [info] = (await upload(world.owner, channel.id, [{ name: 'phone.jpg', bytes: sideways }])).file_infos;
    expect([info.width, info.height]).toEqual([100, 200]);
    const preview = await getFile(server, world.owner, `/api/v4/files/${info.id}/preview`);
    expect(await sharp(preview.bytes).metadata()).toMatchObject({ width: 100, height: 200 });
    expect((await getFile(server, world.owner, `/api/v4/files/${info.id}`)).bytes.equals(sideways)).toBe(true);
  });

  it('keeps an animated GIF as uploaded and previews its first frame', async () => {
    const frames = await Promise.all(['#ff0000', '#00ff00', '#0000ff'].map((background) =>
      sharp({ create: { width: 60, height: 40, channels: 4, background } }).png().toBuffer()));
    const gif = await sharp(frames, { join: { animated: true } }).gif({ delay: [100, 100, 100] }).toBuffer();
    expect((await sharp(gif).metadata()).pages).toBe(3);
    const [info] = (await upload(world.owner, channel.id, [{ name: 'moving.gif', bytes: gif }])).file_infos;
    expect(info).toMatchObject({ mime_type: 'image/gif', width: 60, height: 40, has_preview_image: true });
    expect((await getFile(server, world.owner, `/api/v4/files/${info.id}`)).bytes.equals(gif)).toBe(true);
    const thumbnail = await getFile(server, world.owner, `/api/v4/files/${info.id}/thumbnail`);
    expect(await sharp(thumbnail.bytes).metadata()).toMatchObject({ format: 'jpeg', width: 60, height: 40 });
  });

  it('stores an image past MaxImageResolution without previews', async () => {
    await admin.client.patchConfig({ FileSettings: { MaxImageResolution: 10_000 } } as never);
    try {
      const [info] = (await upload(world.owner, channel.id, [{ name: 'huge.png', bytes: await png(400, 300) }])).file_infos;
      expect(info).toMatchObject({ width: 400, height: 300, has_preview_image: false });
      expect(info.mini_preview).toBeUndefined();
      const thumbnail = await getFile(server, world.owner, `/api/v4/files/${info.id}/thumbnail`);
      expect([thumbnail.status, thumbnail.json().id]).toEqual([400, 'api.file.get_file_thumbnail.no_thumbnail.app_error']);
      expect((await getFile(server, world.owner, `/api/v4/files/${info.id}`)).status).toBe(200);
    } finally {
      await admin.client.patchConfig({ FileSettings: { MaxImageResolution: 33177600 } } as never);
    }
  });

  it('stores a file that only claims to be an image, without previews', async () => {
    const [info] = (await upload(world.owner, channel.id, [{ name: 'fake.png', bytes: 'not a picture at all' }])).file_infos;
    expect(info).toMatchObject({ mime_type: 'image/png', width: 0, height: 0, has_preview_image: false });
  });

  it('takes several files in one request, each with its client id', async () => {
    const result = await upload(world.owner, channel.id, [{ name: 'a.txt', bytes: 'aaa' }, { name: 'b.txt', bytes: 'bbbb' }], ['ca', 'cb']);
    expect(result.client_ids).toEqual(['ca', 'cb']);
    expect(result.file_infos.map((f) => [f.name, f.size, f.mime_type])).toEqual([['a.txt', 3, 'text/plain'], ['b.txt', 4, 'text/plain']]);
    const mismatch = new FormData();
    mismatch.append('channel_id', channel.id);
    mismatch.append('client_ids', 'only-one');
    mismatch.append('files', new Blob(['1']), 'one.txt');
    mismatch.append('files', new Blob(['2']), 'two.txt');
    const refused = await fetch(`${server.url}/api/v4/files`, { method: 'POST', headers: { Authorization: `Bearer ${world.owner.token}` }, body: mismatch });
    expect(refused.status).toBe(400);
  });

  it('takes the raw-body form (?channel_id=&filename=)', async () => {
    const response = await fetch(`${server.url}/api/v4/files?channel_id=${channel.id}&filename=notes.txt&client_id=raw-1`, {
      method: 'POST', headers: { Authorization: `Bearer ${world.owner.token}`, 'Content-Type': 'text/plain' }, body: 'plain notes',
    });
    expect(response.status).toBe(201);
    const body = await response.json() as { file_infos: { id: string; name: string; size: number }[]; client_ids: string[] };
    expect(body.client_ids).toEqual(['raw-1']);
    expect(body.file_infos[0]).toMatchObject({ name: 'notes.txt', size: 11 });
    expect((await getFile(server, world.owner, `/api/v4/files/${body.file_infos[0].id}`)).bytes.toString()).toBe('plain notes');
  });
});

describe('ranges', () => {
  it('sends the byte range a media player asks for, and 416 past the end', async () => {
    const [info] = (await upload(world.owner, channel.id, [{ name: 'clip.mp4', bytes: '0123456789' }])).file_infos;
    await post(world.owner, channel.id, 'clip', { file_ids: [info.id] });
    const ranged = async (range: string) => fetch(`${server.url}/api/v4/files/${info.id}`, { headers: { Authorization: `Bearer ${world.members[0].token}`, Range: range } });
    const middle = await ranged('bytes=2-5');
    expect([middle.status, middle.headers.get('content-range'), await middle.text()]).toEqual([206, 'bytes 2-5/10', '2345']);
    expect(middle.headers.get('content-type')).toBe('video/mp4');
    expect(await (await ranged('bytes=-3')).text()).toBe('789');
    expect(await (await ranged('bytes=7-')).text()).toBe('789');
    const whole = await ranged('bytes=0-1,4-5');
    expect([whole.status, await whole.text()]).toEqual([200, '0123456789']);
    expect((await ranged('bytes=10-')).status).toBe(416);
    expect((await getFile(server, world.members[0], `/api/v4/files/${info.id}`)).headers.get('accept-ranges')).toBe('bytes');
  });
});

describe('hostile names and forms', () => {
  it('keeps only the last part of a name with folders, inside the channel\'s folder', async () => {
    const response = await fetch(`${server.url}/api/v4/files?channel_id=${channel.id}&filename=${encodeURIComponent('../../../escape.txt')}`, {
      method: 'POST', headers: { Authorization: `Bearer ${world.owner.token}` }, body: 'contained',
    });
    const [info] = ((await response.json()) as { file_infos: { id: string; name: string }[] }).file_infos;
    expect(info.name).toBe('escape.txt');
    expect(storedForChannel(server, channel.id).filter((f) => f.endsWith('escape.txt'))).toHaveLength(1);
    const [dots] = (await upload(world.owner, channel.id, [{ name: '..', bytes: 'dots' }])).file_infos;
    expect(dots.name).toBe('file');
  });

  it('refuses a file sent before channel_id, and unknown form fields, with 400', async () => {
    const send = async (form: FormData): Promise<number> =>
      (await fetch(`${server.url}/api/v4/files`, { method: 'POST', headers: { Authorization: `Bearer ${world.owner.token}` }, body: form })).status;
    const fileFirst = new FormData();
    fileFirst.append('files', new Blob(['x']), 'first.txt');
    fileFirst.append('channel_id', channel.id);
    expect(await send(fileFirst)).toBe(400);
    const unknown = new FormData();
    unknown.append('channel_id', channel.id);
    unknown.append('surprise', 'field');
    expect(await send(unknown)).toBe(400);
    const malformed = await fetch(`${server.url}/api/v4/files`, {
      method: 'POST', headers: { Authorization: `Bearer ${world.owner.token}`, 'Content-Type': 'multipart/form-data; boundary=zzz' }, body: '--zzz\r\nbroken',
    });
    expect(malformed.status).toBe(400);
  });
});

describe('who may upload and read', () => {
  it('lets only members upload into a channel', async () => {
    const refused = await upload(outsider, channel.id, [{ name: 'x.txt', bytes: 'x' }]).catch((err: { status_code: number }) => err);
    expect((refused as { status_code: number }).status_code).toBe(403);
    expect(storedForChannel(server, channel.id).some((f) => f.endsWith('x.txt'))).toBe(false);
  });

  it('answers 403 to a non-member on every file route, and the uploader sees an unattached file', async () => {
    const [info] = (await upload(world.owner, channel.id, [{ name: 'members-only.png', bytes: await png(50, 50) }])).file_infos;
    // Unattached: only its uploader.
    expect((await getFile(server, world.owner, `/api/v4/files/${info.id}`)).status).toBe(200);
    expect((await getFile(server, world.members[0], `/api/v4/files/${info.id}`)).status).toBe(403);
    await post(world.owner, channel.id, 'attached', { file_ids: [info.id] });
    for (const route of ['', '/thumbnail', '/preview', '/info', '/link']) {
      const answer = await getFile(server, outsider, `/api/v4/files/${info.id}${route}`);
      expect([route, answer.status]).toEqual([route, 403]);
      expect(answer.bytes.includes(Buffer.from('PNG'))).toBe(false);
    }
    expect((await getFile(server, undefined, `/api/v4/files/${info.id}`)).status).toBe(401);
    expect((await getFile(server, world.members[0], `/api/v4/files/${info.id}/thumbnail`)).status).toBe(200);
    expect((await getFile(server, admin, `/api/v4/files/${info.id}`)).status).toBe(200);
    expect((await getFile(server, world.owner, '/api/v4/files/aaaaaaaaaaaaaaaaaaaaaaaaaa')).status).toBe(404);
  });

  it('serves SVG and HTML as attachments that are never sniffed', async () => {
    const svg = '<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>';
    const html = '<html><body><script>alert(1)</script></body></html>';
    const { file_infos: infos } = await upload(world.owner, channel.id, [{ name: 'evil.svg', bytes: svg }, { name: 'page.html', bytes: html }]);
    for (const [info, type] of [[infos[0], 'image/svg+xml'], [infos[1], 'text/html']] as const) {
      expect(info.has_preview_image).toBe(false);
      const answer = await getFile(server, world.owner, `/api/v4/files/${info.id}`);
      expect(answer.headers.get('content-type')).toBe(type);
      expect(answer.headers.get('content-disposition')).toMatch(/^attachment;/);
      expect(answer.headers.get('x-content-type-options')).toBe('nosniff');
    }
  });

  it('lets only this site frame an inline PDF (the web client\'s viewer); every other file and answer stays unframeable', async () => {
    const pdf = '%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n';
    const { file_infos: [info] } = await upload(world.owner, channel.id, [{ name: 'plan.pdf', bytes: pdf }]);
    const shown = await getFile(server, world.owner, `/api/v4/files/${info.id}`);
    expect([shown.headers.get('content-type'), shown.headers.get('content-disposition')?.split(';')[0]]).toEqual(['application/pdf', 'inline']);
    expect([shown.headers.get('x-frame-options'), shown.headers.get('content-security-policy')]).toEqual(['SAMEORIGIN', "frame-ancestors 'self'"]);
    expect(shown.headers.get('x-content-type-options')).toBe('nosniff');
    const downloaded = await getFile(server, world.owner, `/api/v4/files/${info.id}?download=1`);
    const { file_infos: [text] } = await upload(world.owner, channel.id, [{ name: 'notes.txt', bytes: 'plain' }]);
    const other = await getFile(server, world.owner, `/api/v4/files/${text.id}`);
    const infoAnswer = await getFile(server, world.members[0], `/api/v4/files/${info.id}/info`);
    for (const answer of [downloaded, other, infoAnswer]) {
      expect(answer.headers.get('x-frame-options')).toBe('DENY');
      expect(answer.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
    }
  });

  it('keeps a name with quotes and non-ASCII letters safe in the header', async () => {
    // The raw-body form, since browsers' multipart encoding turns quotes in a name into %22.
    const response = await fetch(`${server.url}/api/v4/files?channel_id=${channel.id}&filename=${encodeURIComponent('Grüße "x".txt')}`, {
      method: 'POST', headers: { Authorization: `Bearer ${world.owner.token}` }, body: 'hi',
    });
    const [info] = ((await response.json()) as { file_infos: { id: string; name: string }[] }).file_infos;
    expect(info.name).toBe('Grüße "x".txt');
    const answer = await getFile(server, world.owner, `/api/v4/files/${info.id}`);
    expect(answer.headers.get('content-disposition')).toBe(`inline; filename="Gr__e _x_.txt"; filename*=UTF-8''${encodeURIComponent('Grüße "x".txt')}`);
  });

  it('refuses uploads with 403 while EnableFileAttachments is off, and says so in the client config', async () => {
    await admin.client.patchConfig({ FileSettings: { EnableFileAttachments: false } } as never);
    try {
      const refused = await upload(world.owner, channel.id, [{ name: 'x.txt', bytes: 'x' }]).catch((err: { status_code: number; server_error_id: string }) => err);
      expect(refused).toMatchObject({ status_code: 403, server_error_id: 'api.file.attachments.disabled.app_error' });
      expect((await raw(server, 'GET', '/config/client?format=old')).body.EnableFileAttachments).toBe('false');
    } finally {
      await admin.client.patchConfig({ FileSettings: { EnableFileAttachments: true } } as never);
    }
    const config = (await raw(server, 'GET', '/config/client?format=old')).body;
    expect([config.EnableFileAttachments, config.MaxFileSize, config.EnablePublicLink]).toEqual(['true', '104857600', 'false']);
  });
});

describe('a user who is not in the team', () => {
  it('cannot read a file even with its id', async () => {
    const stranger = await createUser(server, 'stranger');
    const [info] = (await upload(world.owner, channel.id, [{ name: 's.txt', bytes: 'secret' }])).file_infos;
    await post(world.owner, channel.id, 'secret', { file_ids: [info.id] });
    expect((await getFile(server, stranger, `/api/v4/files/${info.id}`)).status).toBe(403);
  });
});
