import type { Channel } from '@mattermost/types/channels';
import type { Post } from '@mattermost/types/posts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { raw, startTestServer, type TestServer, type TestUser } from '../../harness.js';
import { channelWith, ensureAdmin, post, teamWith, type TeamWorld } from '../post_fixtures.js';
import { getFile, png, upload } from './file_fixtures.js';

let server: TestServer;
let admin: TestUser;
let world: TeamWorld;
let channel: Channel;
let otherChannel: Channel;

beforeAll(async () => {
  server = await startTestServer();
  admin = await ensureAdmin(server);
  world = await teamWith(server, 2);
  channel = await channelWith(world.owner, world.team.id, [world.members[0]]);
  otherChannel = await channelWith(world.owner, world.team.id, [world.members[0]]);
});
afterAll(async () => {
  await server?.close();
});

const uploadOne = async (user: TestUser, channelId: string, name = 'f.txt'): Promise<string> =>
  (await upload(user, channelId, [{ name, bytes: `content of ${name}` }])).file_infos[0].id;

describe('files on posts', () => {
  it('attaches only the poster\'s own unattached uploads into the same channel, and each once', async () => {
    const mine = await uploadOne(world.owner, channel.id, 'mine.txt');
    const theirs = await uploadOne(world.members[0], channel.id, 'theirs.txt');
    const elsewhere = await uploadOne(world.owner, otherChannel.id, 'elsewhere.txt');
    const send = (fileIds: string[]) => raw(server, 'POST', '/posts', { token: world.owner.token, body: { channel_id: channel.id, message: 'files', file_ids: fileIds } });
    for (const refused of [[mine, theirs], [elsewhere], [mine, 'abcdefghijklmnopqrstuvwxyz']]) {
      const answer = await send(refused);
      expect([answer.status, answer.body.id]).toEqual([400, 'api.post.create_post.file_ids.app_error']);
    }
    // A refused post takes none of its files: the good one is still free.
    const created = await post(world.owner, channel.id, 'files', { file_ids: [mine] });
    expect(created.file_ids).toEqual([mine]);
    expect(created.metadata.files?.map((f) => f.id)).toEqual([mine]);
    expect((await send([mine])).status).toBe(400);
    const theirsPost = await post(world.members[0], channel.id, 'mine now', { file_ids: [theirs] });
    expect(theirsPost.file_ids).toEqual([theirs]);
  });

  it('answers a retried create (same pending_post_id) with the first post, files and all', async () => {
    const id = await uploadOne(world.owner, channel.id, 'retried.txt');
    const body = { channel_id: channel.id, message: 'retry', file_ids: [id], pending_post_id: `${world.owner.user.id}:${Date.now()}` };
    const first = await raw(server, 'POST', '/posts', { token: world.owner.token, body });
    const again = await raw(server, 'POST', '/posts', { token: world.owner.token, body });
    expect([first.status, again.status]).toEqual([201, 201]);
    expect(again.body.id).toBe(first.body.id);
    expect(again.body.metadata.files.map((f: { id: string }) => f.id)).toEqual([id]);
  });

  it('refuses more than ten files on one post', async () => {
    const ids = await Promise.all(Array.from({ length: 11 }, (_, i) => uploadOne(world.owner, channel.id, `n${i}.txt`)));
    const refused = await raw(server, 'POST', '/posts', { token: world.owner.token, body: { channel_id: channel.id, message: 'many', file_ids: ids } });
    expect(refused.status).toBe(400);
    const ten = await post(world.owner, channel.id, 'ten', { file_ids: ids.slice(0, 10) });
    expect(ten.metadata.files).toHaveLength(10);
  });

  it('lists a post\'s files in the order it names them, not the order they were uploaded', async () => {
    const older = await uploadOne(world.owner, channel.id, 'uploaded-first.txt');
    const newer = await uploadOne(world.owner, channel.id, 'uploaded-second.txt');
    const created = await post(world.owner, channel.id, 'ordered', { file_ids: [newer, older] });
    const reader = world.members[0].client;
    const page = await reader.getPosts(channel.id, 0, 10);
    const lists = [
      created.metadata.files,
      page.posts[created.id].metadata.files,
      (await reader.getPost(created.id)).metadata.files,
      await reader.getFileInfosForPost(created.id),
    ];
    for (const files of lists) expect(files?.map((f) => f.id)).toEqual([newer, older]);
  });

  it('sends the files in the posted event', async () => {
    const id = await uploadOne(world.owner, channel.id, 'event.txt');
    const events: { event: string; data: { post?: string } }[] = [];
    const stop = server.app.deps.bus.subscribe((event) => events.push(event as never));
    try {
      const created = await post(world.owner, channel.id, 'evented', { file_ids: [id] });
      const posted = events.find((e) => e.event === 'posted' && (JSON.parse(e.data.post ?? '{}') as Post).id === created.id);
      expect((JSON.parse(posted?.data.post ?? '{}') as Post).metadata.files?.map((f) => f.name)).toEqual(['event.txt']);
    } finally {
      stop();
    }
  });

  it('adds and drops files when a post is edited; a dropped file is gone', async () => {
    const first = await uploadOne(world.owner, channel.id, 'first.txt');
    const second = await uploadOne(world.owner, channel.id, 'second.txt');
    const created = await post(world.owner, channel.id, 'editable', { file_ids: [first] });
    const edited = await world.owner.client.patchPost({ id: created.id, file_ids: [second] } as Post);
    expect(edited.file_ids).toEqual([second]);
    expect(edited.edit_at).toBeGreaterThan(0);
    expect(edited.metadata.files?.map((f) => f.id)).toEqual([second]);
    expect((await getFile(server, world.owner, `/api/v4/files/${first}`)).status).toBe(404);
    expect((await getFile(server, world.members[0], `/api/v4/files/${second}`)).status).toBe(200);
  });

  it('stops serving the files of a deleted post, its replies\' files too', async () => {
    const rootFile = await uploadOne(world.owner, channel.id, 'root.png');
    const replyFile = await uploadOne(world.members[0], channel.id, 'reply.txt');
    const root = await post(world.owner, channel.id, 'root', { file_ids: [rootFile] });
    await post(world.members[0], channel.id, 'reply', { root_id: root.id, file_ids: [replyFile] });
    expect((await getFile(server, world.members[0], `/api/v4/files/${rootFile}`)).status).toBe(200);
    await world.owner.client.deletePost(root.id);
    for (const id of [rootFile, replyFile]) {
      for (const route of ['', '/info', '/thumbnail']) {
        expect([route, (await getFile(server, world.owner, `/api/v4/files/${id}${route}`)).status]).toEqual([route, 404]);
      }
    }
    expect((await getFile(server, admin, `/api/v4/files/${rootFile}`)).status).toBe(404);
  });
});

describe('public links', () => {
  it('are refused while EnablePublicLink is off, and work with the right hash only when on', async () => {
    const [info] = (await upload(world.owner, channel.id, [{ name: 'shared.png', bytes: await png(30, 20) }])).file_infos;
    const unattachedLink = await getFile(server, world.owner, `/api/v4/files/${info.id}/link`);
    expect(unattachedLink.status).toBe(403);
    await post(world.owner, channel.id, 'shared', { file_ids: [info.id] });
    const off = await getFile(server, world.owner, `/api/v4/files/${info.id}/link`);
    expect([off.status, off.json().id]).toEqual([403, 'api.file.get_public_link.disabled.app_error']);
    expect((await getFile(server, undefined, `/files/${info.id}/public?h=anything`)).status).toBe(403);

    await admin.client.patchConfig({ FileSettings: { EnablePublicLink: true } } as never);
    try {
      const { link } = await world.members[0].client.getFilePublicLink(info.id);
      const url = new URL(link);
      expect(url.pathname).toBe(`/files/${info.id}/public`);
      const anonymous = await getFile(server, undefined, `${url.pathname}${url.search}`);
      expect(anonymous.status).toBe(200);
      expect(anonymous.headers.get('content-type')).toBe('image/png');
      expect(anonymous.bytes.subarray(1, 4).toString()).toBe('PNG');
      const wrong = await getFile(server, undefined, `/files/${info.id}/public?h=${'A'.repeat(43)}`);
      expect([wrong.status, wrong.json().id]).toEqual([400, 'api.file.get_file.public_invalid.app_error']);
      expect((await getFile(server, undefined, `/files/${info.id}/public`)).status).toBe(400);
      // A salt is generated once and saved, so links stay valid.
      const salt = ((await admin.client.getConfig()) as { FileSettings: { PublicLinkSalt: string } }).FileSettings.PublicLinkSalt;
      expect(salt).not.toBe('');
      expect((await world.owner.client.getFilePublicLink(info.id)).link).toBe(link);
      expect((await getFile(server, world.members[1], `/api/v4/files/${info.id}/link`)).status).toBe(403);
    } finally {
      await admin.client.patchConfig({ FileSettings: { EnablePublicLink: false } } as never);
    }
  });
});
