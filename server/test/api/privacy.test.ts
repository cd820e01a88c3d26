import type { UserProfile } from '@mattermost/types/users';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Config } from '../../src/config/schema.js';
import type { ServerEvent } from '../../src/model/events.js';
import { createUser, newClient, raw, startTestServer, unique, type TestServer, type TestUser } from '../harness.js';
import { recordEvents } from '../team_fixtures.js';
import { sleep, WsUser } from '../ws_client.js';
import { channelWith, post, teamWith, type TeamWorld } from './post_fixtures.js';

/** Someone whose email and full name share no prefix with their username. */
async function createDistinctUser(server: TestServer): Promise<TestUser & { emailPrefix: string }> {
  const client = newClient(server);
  const username = unique('quiet').toLowerCase().slice(0, 22);
  const emailPrefix = unique('hidden').toLowerCase();
  const password = 'correct-horse-battery';
  await client.createUser({ username, email: `${emailPrefix}@secret.test`, password, first_name: 'Zebulon', last_name: 'Quixote' } as UserProfile, '', '');
  const user = await client.login(username, password);
  return { client, user, password, token: client.getToken(), emailPrefix };
}

/** A server whose first account (its admin), a team, a plain member and a target in that team. */
async function directory(config: Partial<Config>): Promise<{ server: TestServer; admin: TestUser; world: TeamWorld; target: TestUser & { emailPrefix: string } }> {
  const server = await startTestServer(config);
  const admin = await createUser(server, 'admin');
  const world = await teamWith(server, 1);
  const target = await createDistinctUser(server);
  await world.owner.client.addToTeam(world.team.id, target.user.id);
  return { server, admin, world, target };
}

const ids = (users: readonly UserProfile[]): string[] => users.map((u) => u.id);

/** Who `searcher` finds by `term`: POST /users/search, the same within the team, and GET /users/autocomplete. */
async function searchIds(server: TestServer, searcher: TestUser, term: string, teamId: string): Promise<{ search: string[]; inTeam: string[]; autocomplete: string[] }> {
  const search = await raw(server, 'POST', '/users/search', { token: searcher.token, body: { term } });
  const inTeam = await raw(server, 'POST', '/users/search', { token: searcher.token, body: { term, team_id: teamId } });
  const autocomplete = await searcher.client.autocompleteUsers(term, teamId, '');
  return { search: ids(search.body), inTeam: ids(inTeam.body), autocomplete: ids(autocomplete.users) };
}

describe('searching users by fields hidden from the searcher', () => {
  let hidden: Awaited<ReturnType<typeof directory>>;
  let shown: Awaited<ReturnType<typeof directory>>;
  beforeAll(async () => {
    hidden = await directory({ showEmailAddress: false, showFullName: false });
    shown = await directory({});
  });
  afterAll(async () => {
    await hidden?.server.close();
    await shown?.server.close();
  });

  it('finds nobody by an email prefix or a full name a plain user may not see', async () => {
    const { server, world: { team, members: [plain] }, target } = hidden;
    const none = { search: [], inTeam: [], autocomplete: [] };
    expect(await searchIds(server, plain, target.emailPrefix.slice(0, 10), team.id)).toEqual(none);
    expect(await searchIds(server, plain, 'zebul', team.id)).toEqual(none);
    expect(await searchIds(server, plain, 'quixo', team.id)).toEqual(none);
    // By username they are found, with the hidden fields blank.
    const byName = await searchIds(server, plain, target.user.username, team.id);
    expect(byName.search).toEqual([target.user.id]);
    const [profile] = await plain.client.getProfilesByIds([target.user.id]);
    expect(profile).toMatchObject({ email: '', first_name: '', last_name: '' });
  });

  it('sends a profile change to the user whole, and to everyone else with the hidden fields blank', async () => {
    const { server, world: { members: [plain] }, target } = hidden;
    const mine = new WsUser(server, target.token);
    const theirs = new WsUser(server, plain.token);
    await Promise.all([mine.connect(), theirs.connect()]);
    await target.client.patchMe({ nickname: 'Zeb' });
    const updated = (ws: WsUser) => ws.waitFor((e) => e.event === 'user_updated' && (e.data.user as UserProfile).nickname === 'Zeb');
    const [own, other] = await Promise.all([updated(mine), updated(theirs)]);
    expect(own.data.user).toMatchObject({ email: `${target.emailPrefix}@secret.test`, first_name: 'Zebulon', last_name: 'Quixote' });
    expect(other.data.user).toMatchObject({ email: '', first_name: '', last_name: '' });
    await sleep(200);
    // One copy each: the user does not also get the blanked one, nor the others the whole one.
    expect(mine.eventsNamed('user_updated')).toHaveLength(1);
    expect(theirs.eventsNamed('user_updated')).toHaveLength(1);
    mine.close();
    theirs.close();
  });

  it('never shows anyone else when a user last changed their password', async () => {
    const { server, admin, world: { members: [plain] }, target } = hidden;
    expect((await target.client.getMe()).last_password_update).toBeGreaterThan(0);
    for (const viewer of [plain, admin]) {
      expect((await viewer.client.getUser(target.user.id)).last_password_update, viewer.user.username).toBe(0);
      expect((await raw(server, 'POST', '/users/ids', { token: viewer.token, body: [target.user.id] })).body[0].last_password_update).toBe(0);
    }
  });

  it('lets a system admin search by them, and see them', async () => {
    const { server, admin, world: { team }, target } = hidden;
    const found = { search: [target.user.id], inTeam: [target.user.id], autocomplete: [target.user.id] };
    expect(await searchIds(server, admin, target.emailPrefix.slice(0, 10), team.id)).toEqual(found);
    expect(await searchIds(server, admin, 'zebul', team.id)).toEqual(found);
    const [profile] = await admin.client.getProfilesByIds([target.user.id]);
    expect(profile).toMatchObject({ email: `${target.emailPrefix}@secret.test`, first_name: 'Zebulon', last_name: 'Quixote' });
  });

  it('shows users their own hidden fields', async () => {
    const me = await hidden.target.client.getMe();
    expect(me).toMatchObject({ email: `${hidden.target.emailPrefix}@secret.test`, first_name: 'Zebulon' });
  });

  it('finds them by email prefix and full name when the server shows those fields', async () => {
    const { server, world: { team, members: [plain] }, target } = shown;
    const found = { search: [target.user.id], inTeam: [target.user.id], autocomplete: [target.user.id] };
    expect(await searchIds(server, plain, target.emailPrefix.slice(0, 10), team.id)).toEqual(found);
    expect(await searchIds(server, plain, 'quixo', team.id)).toEqual(found);
  });
});

describe('threads of a channel someone left', () => {
  let server: TestServer;
  let world: TeamWorld;
  let events: ServerEvent[];
  beforeAll(async () => {
    server = await startTestServer();
    await createUser(server, 'admin');
    world = await teamWith(server, 3);
    events = recordEvents(server).events;
  });
  afterAll(async () => {
    await server?.close();
  });

  const threadUpdates = (userId: string, rootId: string, from: number): ServerEvent[] => events.slice(from).filter((e) =>
    e.event === 'thread_updated' && e.broadcast.user_id === userId && String(e.data.thread).includes(rootId));
  const listed = async (user: TestUser, rootId: string): Promise<boolean> =>
    (await user.client.getUserThreads(user.user.id, world.team.id, {})).threads.some((t) => t.id === rootId);

  it('sends a removed follower no thread updates, and no longer lists the thread for them', async () => {
    const { owner, members: [gone, stays] } = world;
    const channel = await channelWith(owner, world.team.id, [gone, stays], 'P');
    const root = await post(owner, channel.id, 'secret plans');
    await post(gone, channel.id, 'count me in', { root_id: root.id });
    await post(stays, channel.id, 'me too', { root_id: root.id });
    expect(await listed(gone, root.id)).toBe(true);

    await owner.client.removeFromChannel(gone.user.id, channel.id);
    const from = events.length;
    await post(owner, channel.id, 'the plans changed', { root_id: root.id });
    await expect.poll(() => threadUpdates(stays.user.id, root.id, from).length).toBe(1);
    expect(threadUpdates(gone.user.id, root.id, from)).toEqual([]);
    expect(JSON.stringify(events.slice(from).filter((e) => e.broadcast.user_id === gone.user.id))).not.toContain('plans changed');

    expect(await listed(gone, root.id)).toBe(false);
    const single = await raw(server, 'GET', `/users/${gone.user.id}/teams/${world.team.id}/threads/${root.id}`, { token: gone.token });
    expect([403, 404]).toContain(single.status);
    const counts = await gone.client.getUserThreads(gone.user.id, world.team.id, { totalsOnly: true } as never);
    expect(counts.total).toBe(0);

    // Their follow went with their membership: coming back does not bring the thread back.
    await owner.client.addToChannel(gone.user.id, channel.id);
    expect(await listed(gone, root.id)).toBe(false);
  });

  it('sends thread updates only to followers who are members when the reply is published', async () => {
    const { owner, members: [member, outsider] } = world;
    const channel = await channelWith(owner, world.team.id, [member]);
    const root = await post(owner, channel.id, 'open for now');
    await post(member, channel.id, 'following along', { root_id: root.id });
    // A public channel can be read, and its threads followed, without joining it; then it turns private.
    await outsider.client.updateThreadFollowForUser(outsider.user.id, world.team.id, root.id, true);
    await owner.client.updateChannelPrivacy(channel.id, 'P');

    const from = events.length;
    await post(owner, channel.id, 'now private', { root_id: root.id });
    await expect.poll(() => threadUpdates(member.user.id, root.id, from).length).toBe(1);
    expect(threadUpdates(outsider.user.id, root.id, from)).toEqual([]);
  });

  it('does not make a root author who left follow again, nor keep a follow made before the first reply', async () => {
    const { owner, members: [author, early, replier] } = world;
    const channel = await channelWith(owner, world.team.id, [author, early, replier], 'P');
    const root = await post(author, channel.id, 'a question nobody answered yet');
    await early.client.updateThreadFollowForUser(early.user.id, world.team.id, root.id, true);
    await author.client.removeFromChannel(author.user.id, channel.id);
    await owner.client.removeFromChannel(early.user.id, channel.id);

    const from = events.length;
    await post(replier, channel.id, 'an answer after they left', { root_id: root.id });
    await post(owner, channel.id, 'and another', { root_id: root.id });
    // The replier follows: one update for each reply, their own included.
    await expect.poll(() => threadUpdates(replier.user.id, root.id, from).length).toBe(2);
    expect(threadUpdates(author.user.id, root.id, from)).toEqual([]);
    expect(threadUpdates(early.user.id, root.id, from)).toEqual([]);

    await owner.client.addToChannel(author.user.id, channel.id);
    await owner.client.addToChannel(early.user.id, channel.id);
    expect(await listed(author, root.id)).toBe(false);
    expect(await listed(early, root.id)).toBe(false);
  });
});
