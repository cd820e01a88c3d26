import type { ChannelCategory, OrderedChannelCategories } from '@mattermost/types/channel_categories';
import type { PreferenceType } from '@mattermost/types/preferences';
import type { Team } from '@mattermost/types/teams';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser, raw, startTestServer, type TestServer, type TestUser } from '../harness.js';
import { newChannel, newTeam, recordEvents } from '../team_fixtures.js';

let server: TestServer;
let admin: TestUser;
beforeAll(async () => {
  server = await startTestServer();
  admin = await createUser(server, 'admin');
});
afterAll(async () => {
  await server?.close();
});

const pref = (user: TestUser, category: string, name: string, value: string): PreferenceType => ({ user_id: user.user.id, category, name, value });

/** Client4 types getMyPreferences as a single preference; the server sends the array. */
async function myPreferences(user: TestUser): Promise<PreferenceType[]> {
  return (await user.client.getMyPreferences()) as unknown as PreferenceType[];
}

/** A fresh user in a fresh team (they created it). */
async function userWithTeam(): Promise<{ user: TestUser; team: Team }> {
  const user = await createUser(server);
  return { user, team: await newTeam(user.client) };
}

async function sidebar(user: TestUser, teamId: string): Promise<OrderedChannelCategories> {
  return user.client.getChannelCategories(user.user.id, teamId);
}

function byType(categories: OrderedChannelCategories, type: ChannelCategory['type']): ChannelCategory {
  const found = categories.categories.find((c) => c.type === type);
  if (!found) throw new Error(`no ${type} category`);
  return found;
}

/** Every channel of the user in the team (DMs included) sits in exactly one category. */
async function expectEachChannelOnce(user: TestUser, teamId: string): Promise<void> {
  const placed = (await sidebar(user, teamId)).categories.flatMap((c) => c.channel_ids);
  const mine = (await user.client.getMyChannels(teamId)).map((c) => c.id);
  expect([...placed].sort()).toEqual([...mine].sort());
}

describe('preferences', () => {
  it('saves, reads by category and name, and deletes, telling the user\'s clients', async () => {
    const user = await createUser(server);
    const { events, stop } = recordEvents(server);
    const saved = [pref(user, 'display_settings', 'use_military_time', 'true'), pref(user, 'tutorial_step', user.user.id, '3')];
    await user.client.savePreferences(user.user.id, saved);
    expect(await myPreferences(user)).toEqual(expect.arrayContaining(saved));
    const inCategory = await raw(server, 'GET', '/users/me/preferences/display_settings', { token: user.token });
    expect(inCategory.body).toEqual([saved[0]]);
    const one = await raw(server, 'GET', '/users/me/preferences/display_settings/name/use_military_time', { token: user.token });
    expect(one.body).toEqual(saved[0]);
    expect((await raw(server, 'GET', '/users/me/preferences/nothing_here', { token: user.token })).status).toBe(404);
    expect((await raw(server, 'GET', '/users/me/preferences/display_settings/name/missing', { token: user.token })).status).toBe(404);
    expect((await raw(server, 'GET', '/users/me/preferences/bad-category!', { token: user.token })).status).toBe(400);

    await user.client.savePreferences(user.user.id, [{ ...saved[0], value: 'false' }]);
    expect((await myPreferences(user)).find((p) => p.name === 'use_military_time')?.value).toBe('false');
    await user.client.deletePreferences(user.user.id, [saved[0]]);
    const keyOnly = await raw(server, 'POST', '/users/me/preferences/delete', { token: user.token, body: [{ user_id: user.user.id, category: 'tutorial_step', name: 'nothing' }] });
    expect(keyOnly.status).toBe(200);
    stop();
    const remaining = (await myPreferences(user));
    expect(remaining.some((p) => p.category === 'display_settings')).toBe(false);
    expect(remaining).toContainEqual(saved[1]);

    const changed = events.filter((e) => e.event === 'preferences_changed');
    expect(changed).toHaveLength(2);
    expect(changed[0].broadcast.user_id).toBe(user.user.id);
    expect(JSON.parse(changed[0].data.preferences as string)).toEqual(saved);
    const deleted = events.find((e) => e.event === 'preferences_deleted');
    expect(deleted?.broadcast.user_id).toBe(user.user.id);
    expect(JSON.parse(deleted?.data.preferences as string)).toEqual([saved[0]]);
  });

  it('validates preferences like Mattermost', async () => {
    const user = await createUser(server);
    const put = (body: unknown) => raw(server, 'PUT', '/users/me/preferences', { token: user.token, body: body as object });
    const cases: Array<[PreferenceType, string]> = [
      [pref(user, '', 'n', 'v'), 'model.preference.is_valid.category.app_error'],
      [pref(user, 'c'.repeat(33), 'n', 'v'), 'model.preference.is_valid.category.app_error'],
      [pref(user, 'c', 'n'.repeat(33), 'v'), 'model.preference.is_valid.name.app_error'],
      [pref(user, 'c', 'n', 'v'.repeat(2001)), 'model.preference.is_valid.value.app_error'],
      [pref(user, 'theme', '', 'not json'), 'model.preference.is_valid.theme.app_error'],
    ];
    for (const [p, id] of cases) {
      const response = await put([p]);
      expect(response.status, id).toBe(400);
      expect(response.body.id).toBe(id);
    }
    const tooMany = Array.from({ length: 101 }, (_, i) => pref(user, 'c', `n${i}`, 'v'));
    expect((await put(tooMany)).status).toBe(400);
    expect((await put([{ category: 'c', name: 'n', value: 'v' }])).status).toBe(400);
    expect((await put([pref(user, 'theme', '', '{"sidebarBg":"#fff"}')])).status).toBe(200);
    const flagged = await put([pref(user, 'flagged_post', 'no-such-post-here', 'true')]);
    expect(flagged.status).toBe(400);
  });

  it('keeps each user\'s preferences to themselves (and admins)', async () => {
    const alice = await createUser(server);
    const bob = await createUser(server);
    await alice.client.savePreferences(alice.user.id, [pref(alice, 'secret', 'x', 'y')]);
    await expect(bob.client.getUserPreferences(alice.user.id)).rejects.toMatchObject({ status_code: 403 });
    await expect(bob.client.savePreferences(alice.user.id, [pref(alice, 'secret', 'x', 'z')])).rejects.toMatchObject({ status_code: 403 });
    await expect(bob.client.deletePreferences(alice.user.id, [pref(alice, 'secret', 'x', 'y')])).rejects.toMatchObject({ status_code: 403 });
    // Bob's own URL with Alice's user_id in the body is refused too.
    await expect(bob.client.savePreferences(bob.user.id, [pref(alice, 'secret', 'x', 'z')])).rejects.toMatchObject({
      status_code: 403, server_error_id: 'api.preference.update_preferences.set.app_error',
    });
    expect((await raw(server, 'GET', `/users/${alice.user.id}/preferences/secret`, { token: bob.token })).status).toBe(403);
    expect((await admin.client.getUserPreferences(alice.user.id))).toContainEqual(pref(alice, 'secret', 'x', 'y'));
    expect((await myPreferences(alice)).find((p) => p.category === 'secret')?.value).toBe('y');
  });
});

describe('sidebar categories', () => {
  it('creates the three default categories on first read, with every channel placed once', async () => {
    const { user, team } = await userWithTeam();
    const peer = await createUser(server);
    const dm = await user.client.createDirectChannel([user.user.id, peer.user.id]);
    const result = await sidebar(user, team.id);
    const ids = ['favorites', 'channels', 'direct_messages'].map((type) => `${type}_${user.user.id}_${team.id}`);
    expect(result.order).toEqual(ids);
    expect(result.categories.map((c) => c.id)).toEqual(ids);
    expect(byType(result, 'favorites')).toMatchObject({ user_id: user.user.id, team_id: team.id, display_name: 'Favorites', channel_ids: [], muted: false, collapsed: false });
    expect(byType(result, 'direct_messages')).toMatchObject({ sorting: 'recent', channel_ids: [dm.id] });
    const townSquare = await user.client.getChannelByName(team.id, 'town-square');
    expect(byType(result, 'channels').channel_ids).toContain(townSquare.id);
    expect(await user.client.getChannelCategoryOrder(user.user.id, team.id)).toEqual(ids);
    await expectEachChannelOnce(user, team.id);
  });

  it('places a newly joined channel in Channels, a new DM in Direct Messages, and forgets left channels', async () => {
    const { user, team } = await userWithTeam();
    await sidebar(user, team.id);
    const channel = await newChannel(user.client, team.id);
    const peer = await createUser(server);
    const dm = await user.client.createDirectChannel([user.user.id, peer.user.id]);
    let result = await sidebar(user, team.id);
    expect(byType(result, 'channels').channel_ids).toContain(channel.id);
    expect(byType(result, 'direct_messages').channel_ids).toContain(dm.id);
    await user.client.removeFromChannel(user.user.id, channel.id);
    result = await sidebar(user, team.id);
    expect(result.categories.some((c) => c.channel_ids.includes(channel.id))).toBe(false);
  });

  it('syncs the favorite_channel preference into the Favorites category and back out', async () => {
    const { user, team } = await userWithTeam();
    const channel = await newChannel(user.client, team.id);
    await sidebar(user, team.id);
    const { events, stop } = recordEvents(server);
    await user.client.savePreferences(user.user.id, [pref(user, 'favorite_channel', channel.id, 'true')]);
    stop();
    let result = await sidebar(user, team.id);
    expect(byType(result, 'favorites').channel_ids).toEqual([channel.id]);
    expect(byType(result, 'channels').channel_ids).not.toContain(channel.id);
    const updated = events.find((e) => e.event === 'sidebar_category_updated');
    expect(updated?.broadcast).toMatchObject({ user_id: user.user.id, team_id: team.id });
    expect((JSON.parse(updated?.data.updatedCategories as string) as ChannelCategory[]).find((c) => c.type === 'favorites')?.channel_ids).toEqual([channel.id]);

    await user.client.savePreferences(user.user.id, [pref(user, 'favorite_channel', channel.id, 'false')]);
    result = await sidebar(user, team.id);
    expect(byType(result, 'favorites').channel_ids).toEqual([]);
    expect(byType(result, 'channels').channel_ids).toContain(channel.id);

    await user.client.savePreferences(user.user.id, [pref(user, 'favorite_channel', channel.id, 'true')]);
    await user.client.deletePreferences(user.user.id, [pref(user, 'favorite_channel', channel.id, 'true')]);
    expect(byType(await sidebar(user, team.id), 'favorites').channel_ids).toEqual([]);
    await expectEachChannelOnce(user, team.id);
  });

  it('seeds Favorites from existing preferences, and favourites DMs in every team', async () => {
    const user = await createUser(server);
    const peer = await createUser(server);
    const dm = await user.client.createDirectChannel([user.user.id, peer.user.id]);
    const first = await newTeam(user.client);
    await sidebar(user, first.id);
    await user.client.savePreferences(user.user.id, [pref(user, 'favorite_channel', dm.id, 'true')]);
    const second = await newTeam(user.client);
    expect(byType(await sidebar(user, first.id), 'favorites').channel_ids).toEqual([dm.id]);
    expect(byType(await sidebar(user, second.id), 'favorites').channel_ids).toEqual([dm.id]);
    expect(byType(await sidebar(user, second.id), 'direct_messages').channel_ids).not.toContain(dm.id);
  });

  it('saves or deletes the favorite preference when a channel moves into or out of Favorites', async () => {
    const { user, team } = await userWithTeam();
    const channel = await newChannel(user.client, team.id);
    const before = await sidebar(user, team.id);
    const favorites = byType(before, 'favorites');
    const channels = byType(before, 'channels');
    const moved = await user.client.updateChannelCategories(user.user.id, team.id, [
      { ...favorites, channel_ids: [channel.id] },
      { ...channels, channel_ids: channels.channel_ids.filter((id) => id !== channel.id) },
    ]);
    expect(moved.map((c) => c.id)).toEqual([favorites.id, channels.id]);
    expect(moved[0].channel_ids).toEqual([channel.id]);
    expect(await myPreferences(user)).toContainEqual(pref(user, 'favorite_channel', channel.id, 'true'));

    // Moving it back out (naming only the destination) drops the preference.
    await user.client.updateChannelCategory(user.user.id, team.id, { ...channels, channel_ids: [channel.id, ...channels.channel_ids] });
    expect((await myPreferences(user)).some((p) => p.category === 'favorite_channel' && p.name === channel.id)).toBe(false);
    expect(byType(await sidebar(user, team.id), 'favorites').channel_ids).toEqual([]);
    await expectEachChannelOnce(user, team.id);
  });

  it('creates, renames, reorders and deletes custom categories', async () => {
    const { user, team } = await userWithTeam();
    const channel = await newChannel(user.client, team.id);
    const { events, stop } = recordEvents(server);
    const custom = await user.client.createChannelCategory(user.user.id, team.id, {
      user_id: user.user.id, team_id: team.id, display_name: ' Projects ', channel_ids: [channel.id, 'notarealchannelid0000000000'],
    } as ChannelCategory);
    expect(custom).toMatchObject({ type: 'custom', display_name: 'Projects', channel_ids: [channel.id], user_id: user.user.id, team_id: team.id });
    expect(custom.id).toMatch(/^[a-z0-9]{26}$/);
    let result = await sidebar(user, team.id);
    expect(result.order[0]).toBe(`favorites_${user.user.id}_${team.id}`);
    expect(result.order[1]).toBe(custom.id);
    expect(byType(result, 'channels').channel_ids).not.toContain(channel.id);
    expect(await user.client.getChannelCategory(user.user.id, team.id, custom.id)).toEqual(custom);

    const renamed = await user.client.updateChannelCategory(user.user.id, team.id, { ...custom, display_name: 'Work' });
    expect(renamed.display_name).toBe('Work');
    const reversed = [...result.order].reverse();
    expect(await user.client.updateChannelCategoryOrder(user.user.id, team.id, reversed)).toEqual(reversed);
    expect((await sidebar(user, team.id)).order).toEqual(reversed);
    await expect(user.client.updateChannelCategoryOrder(user.user.id, team.id, reversed.slice(1))).rejects.toMatchObject({ status_code: 400 });

    const defaults = byType(result, 'channels');
    await expect(user.client.deleteChannelCategory(user.user.id, team.id, defaults.id)).rejects.toMatchObject({ status_code: 400 });
    await expect(user.client.updateChannelCategory(user.user.id, team.id, { ...defaults, display_name: 'Mine' })).resolves.toMatchObject({ display_name: 'Channels' });
    await user.client.deleteChannelCategory(user.user.id, team.id, custom.id);
    stop();
    result = await sidebar(user, team.id);
    expect(result.order).not.toContain(custom.id);
    expect(byType(result, 'channels').channel_ids).toContain(channel.id);
    await expect(user.client.getChannelCategory(user.user.id, team.id, custom.id)).rejects.toMatchObject({ status_code: 403 });
    await expectEachChannelOnce(user, team.id);

    const kinds = events.filter((e) => e.event.startsWith('sidebar_category')).map((e) => e.event);
    expect(kinds).toEqual(expect.arrayContaining(['sidebar_category_created', 'sidebar_category_updated', 'sidebar_category_order_updated', 'sidebar_category_deleted']));
    const order = events.find((e) => e.event === 'sidebar_category_order_updated');
    expect(order).toMatchObject({ data: { order: reversed }, broadcast: { user_id: user.user.id, team_id: team.id } });
  });

  it('moves channels between categories, keeping each in exactly one', async () => {
    const { user, team } = await userWithTeam();
    const [x, y] = [await newChannel(user.client, team.id), await newChannel(user.client, team.id)];
    const a = await user.client.createChannelCategory(user.user.id, team.id, { user_id: user.user.id, team_id: team.id, display_name: 'A', channel_ids: [x.id, y.id] } as ChannelCategory);
    const b = await user.client.createChannelCategory(user.user.id, team.id, { user_id: user.user.id, team_id: team.id, display_name: 'B', channel_ids: [] as string[] } as ChannelCategory);
    await user.client.updateChannelCategories(user.user.id, team.id, [{ ...a, channel_ids: [x.id] }, { ...b, channel_ids: [y.id] }]);
    let result = await sidebar(user, team.id);
    expect(result.categories.find((c) => c.id === a.id)?.channel_ids).toEqual([x.id]);
    expect(result.categories.find((c) => c.id === b.id)?.channel_ids).toEqual([y.id]);
    // Naming only the destination still takes the channel out of its old category.
    await user.client.updateChannelCategory(user.user.id, team.id, { ...b, channel_ids: [x.id, y.id] });
    result = await sidebar(user, team.id);
    expect(result.categories.find((c) => c.id === a.id)?.channel_ids).toEqual([]);
    expect(result.categories.find((c) => c.id === b.id)?.channel_ids).toEqual([x.id, y.id]);
    await expectEachChannelOnce(user, team.id);
  });

  it('mutes the channels of a muted category and unmutes them with it', async () => {
    const { user, team } = await userWithTeam();
    const [x, y] = [await newChannel(user.client, team.id), await newChannel(user.client, team.id)];
    const quiet = await user.client.createChannelCategory(user.user.id, team.id, { user_id: user.user.id, team_id: team.id, display_name: 'Quiet', channel_ids: [x.id] } as ChannelCategory);
    await user.client.updateChannelCategory(user.user.id, team.id, { ...quiet, muted: true });
    expect((await user.client.getMyChannelMember(x.id)).notify_props.mark_unread).toBe('mention');
    // A channel moved into the muted category is muted too.
    await user.client.updateChannelCategory(user.user.id, team.id, { ...quiet, muted: true, channel_ids: [x.id, y.id] });
    expect((await user.client.getMyChannelMember(y.id)).notify_props.mark_unread).toBe('mention');
    await user.client.updateChannelCategory(user.user.id, team.id, { ...quiet, muted: false, channel_ids: [x.id, y.id] });
    expect((await user.client.getMyChannelMember(x.id)).notify_props.mark_unread).toBe('all');
    expect((await user.client.getMyChannelMember(y.id)).notify_props.mark_unread).toBe('all');
    const dms = byType(await sidebar(user, team.id), 'direct_messages');
    expect((await user.client.updateChannelCategory(user.user.id, team.id, { ...dms, muted: true })).muted).toBe(false);
  });

  it('refuses other users\' and other teams\' categories', async () => {
    const { user, team } = await userWithTeam();
    const other = await createUser(server);
    const base = `/users/${user.user.id}/teams/${team.id}/channels/categories`;
    await expect(other.client.getChannelCategories(user.user.id, team.id)).rejects.toMatchObject({ status_code: 403 });
    await expect(other.client.getChannelCategories(other.user.id, team.id)).rejects.toMatchObject({ status_code: 403 });
    expect((await raw(server, 'POST', base, { token: other.token, body: { display_name: 'x' } })).status).toBe(403);
    const favorites = byType(await sidebar(user, team.id), 'favorites');
    expect((await raw(server, 'PUT', `${base}/${favorites.id}`, { token: other.token, body: favorites })).status).toBe(403);
    // A body naming another user, or a category of someone else, is refused even on one's own URL.
    const mismatch = await raw(server, 'POST', base, { token: user.token, body: { user_id: other.user.id, team_id: team.id, display_name: 'x' } });
    expect(mismatch.status).toBe(400);
    const foreignTeam = await newTeam(other.client);
    const foreign = byType(await sidebar(other, foreignTeam.id), 'favorites');
    expect((await raw(server, 'PUT', base, { token: user.token, body: [foreign] })).status).toBe(400);
    expect((await raw(server, 'GET', `${base}/${foreign.id}`, { token: user.token })).status).toBe(403);
    expect((await raw(server, 'DELETE', `${base}/${foreign.id}`, { token: user.token })).status).toBe(403);
    expect((await admin.client.getChannelCategories(user.user.id, team.id)).order).toHaveLength(3);
  });
});
