import type { Post } from '@mattermost/types/posts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser, startTestServer, type TestServer, type TestUser } from '../harness.js';
import { newChannel, newTeam } from '../team_fixtures.js';
import { sleep, WsUser } from '../ws_client.js';

// Someone removed from a private channel, socket still open, must get nothing of what happens there afterwards:
// not posts, edits, deletions, reactions, typing, pins or channel changes. A member who stays gets all of it.

let server: TestServer;
let owner: TestUser;
let removed: TestUser;
let stays: TestUser;

beforeAll(async () => {
  server = await startTestServer();
  owner = await createUser(server, 'owner');
  removed = await createUser(server, 'removed');
  stays = await createUser(server, 'stays');
});
afterAll(async () => {
  await server?.close();
});

describe('a member removed from a private channel', () => {
  it('gets none of its events once removed, while a remaining member gets them all', async () => {
    const team = await newTeam(owner.client);
    for (const user of [removed, stays]) await owner.client.addToTeam(team.id, user.user.id);
    const channel = await newChannel(owner.client, team.id, 'P');
    for (const user of [removed, stays]) await owner.client.addToChannel(user.user.id, channel.id);
    const earlier = await owner.client.createPost({ channel_id: channel.id, message: 'before the removal' } as Post);
    const watchRemoved = new WsUser(server, removed.token);
    const watchStays = new WsUser(server, stays.token);
    await Promise.all([watchRemoved.connect(), watchStays.connect()]);

    await owner.client.removeFromChannel(removed.user.id, channel.id);
    await watchRemoved.waitFor((e) => e.event === 'user_removed');
    const from = watchRemoved.events.length;

    const secret = await owner.client.createPost({ channel_id: channel.id, message: 'after the removal: secret' } as Post);
    await owner.client.patchPost({ id: earlier.id, message: 'edited: secret' } as Post);
    await owner.client.addReaction(owner.user.id, earlier.id, 'eyes');
    await owner.client.pinPost(earlier.id);
    await owner.client.patchChannel(channel.id, { header: 'secret header', purpose: 'secret purpose' });
    await owner.client.createPost({ channel_id: channel.id, message: 'a reply: secret', root_id: earlier.id } as Post);
    await owner.client.deletePost(secret.id);
    const typer = new WsUser(server, owner.token);
    await typer.connect();
    await typer.request('user_typing', { channel_id: channel.id, parent_id: '' });

    await watchStays.waitFor((e) => e.event === 'post_deleted');
    await watchStays.waitFor((e) => e.event === 'typing');
    await sleep(300);
    const leaked = watchRemoved.events.slice(from).filter((e) => JSON.stringify(e).includes(channel.id) || JSON.stringify(e).includes('secret'));
    expect(leaked.map((e) => e.event)).toEqual([]);
    const seen = new Set(watchStays.events.map((e) => e.event));
    for (const name of ['posted', 'post_edited', 'reaction_added', 'channel_updated', 'post_deleted', 'typing']) expect(seen, name).toContain(name);
    for (const ws of [watchRemoved, watchStays, typer]) ws.close();
  });
});
