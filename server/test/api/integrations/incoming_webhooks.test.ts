import type { Channel } from '@mattermost/types/channels';
import type { IncomingWebhook, IncomingWebhooksWithCount } from '@mattermost/types/integrations';
import type { Post } from '@mattermost/types/posts';
import type { Role } from '@mattermost/types/roles';
import { IncomingWebhook as SlackWebhook } from '@slack/webhook';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser, raw, startTestServer, type TestServer, type TestUser } from '../../harness.js';
import { channelWith, ensureAdmin, teamWith, type TeamWorld } from '../post_fixtures.js';

/** Posts a body to the public hook endpoint as a service would. */
async function sendToHook(server: TestServer, hookId: string, body: string, contentType = 'application/json'): Promise<{ status: number; text: string; json?: { id: string } }> {
  const response = await fetch(`${server.url}/hooks/${hookId}`, { method: 'POST', headers: { 'Content-Type': contentType }, body });
  const text = await response.text();
  let json: { id: string } | undefined;
  try {
    json = JSON.parse(text) as { id: string };
  } catch {
    json = undefined;
  }
  return { status: response.status, text, json };
}

describe('incoming webhooks', () => {
  let server: TestServer;
  let admin: TestUser;
  let world: TeamWorld;
  let alice: TestUser;
  let bob: TestUser;
  let outsider: TestUser;
  let channel: Channel;
  let other: Channel;
  let secret: Channel;
  let hook: IncomingWebhook;

  const lastPost = async (channelId: string, reader = alice): Promise<Post> => {
    const list = await reader.client.getPosts(channelId, 0, 1);
    return list.posts[list.order[0]];
  };
  const patchConfig = (patch: object) => admin.client.patchConfig(patch as never);

  beforeAll(async () => {
    server = await startTestServer({ maxPostSize: 200 });
    admin = await ensureAdmin(server);
    world = await teamWith(server, 2);
    [alice, bob] = world.members;
    outsider = await createUser(server, 'outsider');
    channel = await channelWith(world.owner, world.team.id, [alice, bob]);
    // An open channel alice has not joined, and a private one she cannot read.
    other = await channelWith(world.owner, world.team.id, []);
    secret = await channelWith(world.owner, world.team.id, [], 'P');
    hook = await alice.client.createIncomingWebhook({ channel_id: channel.id, display_name: 'CI', description: 'builds' });
  });

  afterAll(async () => {
    await server?.close();
  });

  it('takes text and attachments from Slack\'s own webhook client', async () => {
    const slack = new SlackWebhook(`${server.url}/hooks/${hook.id}`);
    const result = await slack.send({
      text: 'Deploy <https://ci.example/1|finished>',
      attachments: [{
        color: '#36a64f', title: 'Build 1', text: 'All green',
        fields: [{ title: 'Env', value: 'prod', short: true }, { title: 'Duration', value: '3 min', short: false }],
      }],
    });
    expect(result.text).toBe('ok');
    const made = await lastPost(channel.id);
    expect(made.user_id).toBe(alice.user.id);
    expect(made.message).toBe('Deploy [finished](https://ci.example/1)');
    expect(made.type).toBe('slack_attachment');
    expect(made.props.from_webhook).toBe('true');
    expect(made.props.webhook_display_name).toBe('CI');
    const [attachment] = made.props.attachments as { color: string; title: string; fields: { title: string; value: string; short: boolean }[] }[];
    expect(attachment.color).toBe('#36a64f');
    expect(attachment.title).toBe('Build 1');
    expect(attachment.fields).toEqual([{ title: 'Env', value: 'prod', short: true }, { title: 'Duration', value: '3 min', short: false }]);
  });

  it('takes Slack\'s form with a payload field, and JSON with raw newlines in its strings', async () => {
    const form = `payload=${encodeURIComponent(JSON.stringify({ text: 'from a form' }))}`;
    const sent = await sendToHook(server, hook.id, form, 'application/x-www-form-urlencoded');
    expect(sent).toMatchObject({ status: 200, text: 'ok' });
    expect((await lastPost(channel.id)).message).toBe('from a form');

    expect((await sendToHook(server, hook.id, '{"text": "line one\nline two"}')).status).toBe(200);
    expect((await lastPost(channel.id)).message).toBe('line one\nline two');
  });

  it('keeps the sender\'s props but takes attachments only from the checked field', async () => {
    const body = JSON.stringify({ text: 'with props', props: { build: 7, attachments: 'unchecked', from_webhook: 'false' } });
    expect((await sendToHook(server, hook.id, body)).status).toBe(200);
    const made = await lastPost(channel.id);
    expect(made.props).toMatchObject({ build: 7, from_webhook: 'true' });
    expect(made.props.attachments).toBeUndefined();
  });

  it('refuses each bad payload with its own 4xx', async () => {
    const cases: [string, number, string | undefined][] = [
      ['{}', 400, 'web.incoming_webhook.text.app_error'],
      ['{"text": "x", "attachments": []', 400, 'model.incoming_hook.parse_data.app_error'],
      ['{"text": 5}', 400, 'model.incoming_hook.parse_data.app_error'],
      ['{"text": "x", "attachments": "nope"}', 400, 'model.post.is_valid.attachments.app_error'],
      ['{"text": "x", "attachments": [{"fields": [{"title": {}}]}]}', 400, 'model.post.is_valid.attachments.app_error'],
      ['{"text": "x", "channel": "no-such-channel"}', 404, 'web.incoming_webhook.channel.app_error'],
      ['{"text": "x", "channel": "@nobody-here"}', 400, 'web.incoming_webhook.user.app_error'],
      ['{"text": "x", "type": "system_join_channel"}', 400, undefined],
    ];
    for (const [body, status, id] of cases) {
      const sent = await sendToHook(server, hook.id, body);
      expect({ body, status: sent.status }).toEqual({ body, status });
      if (id) expect({ body, id: sent.json?.id }).toEqual({ body, id });
    }
    expect((await sendToHook(server, 'abcdefghijklmnopqrstuvwxyz', '{"text": "x"}')).json?.id).toBe('web.incoming_webhook.invalid.app_error');
    // Slack's client reports the refusal as an error.
    await expect(new SlackWebhook(`${server.url}/hooks/${hook.id}`).send({ text: '' })).rejects.toThrow();
  });

  it('posts in another channel of the team by name, unless the hook is locked to its own', async () => {
    expect((await sendToHook(server, hook.id, JSON.stringify({ text: 'elsewhere', channel: other.name }))).status).toBe(200);
    expect((await lastPost(other.id, world.owner)).message).toBe('elsewhere');

    const locked = await alice.client.createIncomingWebhook({ channel_id: channel.id, channel_locked: true });
    expect(locked.channel_locked).toBe(true);
    const refused = await sendToHook(server, locked.id, JSON.stringify({ text: 'escape', channel: `#${other.name}` }));
    expect(refused).toMatchObject({ status: 403, json: { id: 'web.incoming_webhook.channel_locked.app_error' } });
    expect((await sendToHook(server, locked.id, JSON.stringify({ text: 'home', channel: channel.name }))).status).toBe(200);
  });

  it('sends a direct message to @username from the hook\'s owner', async () => {
    expect((await sendToHook(server, hook.id, JSON.stringify({ text: 'psst', channel: `@${bob.user.username}` }))).status).toBe(200);
    // Opening the DM finds the one the hook created.
    const dm = await bob.client.createDirectChannel([alice.user.id, bob.user.id]);
    const made = await lastPost(dm.id, bob);
    expect(made).toMatchObject({ message: 'psst', user_id: alice.user.id });
  });

  it('overrides the name and icon only while the settings allow it', async () => {
    const body = JSON.stringify({ text: 'who am I', username: 'ci-bot', icon_url: 'https://ci.example/icon.png' });
    await sendToHook(server, hook.id, body);
    let made = await lastPost(channel.id);
    expect(made.props.override_username).toBeUndefined();
    expect(made.props.override_icon_url).toBeUndefined();
    await patchConfig({ ServiceSettings: { EnablePostUsernameOverride: true, EnablePostIconOverride: true } });
    try {
      await sendToHook(server, hook.id, body);
      made = await lastPost(channel.id);
      expect(made.props.override_username).toBe('ci-bot');
      expect(made.props.override_icon_url).toBe('https://ci.example/icon.png');
    } finally {
      await patchConfig({ ServiceSettings: { EnablePostUsernameOverride: false, EnablePostIconOverride: false } });
    }
  });

  it('splits a text longer than a post into several posts', async () => {
    const text = `${'a'.repeat(200)}${'b'.repeat(200)}${'c'.repeat(50)}`;
    expect((await sendToHook(server, hook.id, JSON.stringify({ text }))).status).toBe(200);
    const list = await alice.client.getPosts(channel.id, 0, 3);
    expect(list.order.map((id) => list.posts[id].message).reverse()).toEqual(['a'.repeat(200), 'b'.repeat(200), 'c'.repeat(50)]);
  });

  it('refuses to post for an owner who may no longer read the channel or is deactivated', async () => {
    const carol = await createUser(server, 'carol');
    await world.owner.client.addToTeam(world.team.id, carol.user.id);
    await world.owner.client.addToChannel(carol.user.id, secret.id);
    const privateHook = await carol.client.createIncomingWebhook({ channel_id: secret.id });
    expect((await sendToHook(server, privateHook.id, '{"text": "inside"}')).status).toBe(200);
    await world.owner.client.removeFromChannel(carol.user.id, secret.id);
    expect((await sendToHook(server, privateHook.id, '{"text": "after leaving"}')).json?.id).toBe('web.incoming_webhook.permissions.app_error');

    const openHook = await carol.client.createIncomingWebhook({ channel_id: channel.id });
    // Delivered once first, so the refusal also proves no node keeps posting for a deactivated owner.
    expect((await sendToHook(server, openHook.id, '{"text": "still here"}')).status).toBe(200);
    await admin.client.updateUserActive(carol.user.id, false);
    expect(await sendToHook(server, openHook.id, '{"text": "ghost"}')).toMatchObject({ status: 403, json: { id: 'web.incoming_webhook.user.app_error' } });
  });

  it('is refused everywhere while incoming webhooks are disabled, and a deleted hook is gone', async () => {
    await patchConfig({ ServiceSettings: { EnableIncomingWebhooks: false } });
    try {
      expect(await sendToHook(server, hook.id, '{"text": "x"}')).toMatchObject({ status: 501, json: { id: 'web.incoming_webhook.disabled.app_error' } });
      const list = await raw(server, 'GET', '/hooks/incoming', { token: alice.token });
      expect([list.status, list.body.id]).toEqual([501, 'api.incoming_webhook.disabled.app_error']);
    } finally {
      await patchConfig({ ServiceSettings: { EnableIncomingWebhooks: true } });
    }
    const doomed = await alice.client.createIncomingWebhook({ channel_id: channel.id, display_name: 'Before' });
    expect((await sendToHook(server, doomed.id, '{"text": "x"}')).status).toBe(200);
    await alice.client.updateIncomingWebhook({ ...doomed, display_name: 'After' });
    expect((await sendToHook(server, doomed.id, '{"text": "renamed"}')).status).toBe(200);
    expect((await lastPost(channel.id)).props.webhook_display_name).toBe('After');
    await alice.client.removeIncomingWebhook(doomed.id);
    expect((await sendToHook(server, doomed.id, '{"text": "x"}')).json?.id).toBe('web.incoming_webhook.invalid.app_error');
    expect((await raw(server, 'GET', `/hooks/incoming/${doomed.id}`, { token: alice.token })).status).toBe(404);
  });

  describe('management and its permissions', () => {
    const status = async (user: TestUser, method: string, path: string, body?: object): Promise<number> =>
      (await raw(server, method, path, { token: user.token, body })).status;

    it('lets a team member manage their own hooks and no one else\'s', async () => {
      const own = await bob.client.createIncomingWebhook({ channel_id: channel.id, display_name: 'Bob\'s' });
      expect(own).toMatchObject({ user_id: bob.user.id, team_id: world.team.id, channel_id: channel.id, display_name: 'Bob\'s' });
      const updated = await bob.client.updateIncomingWebhook({ ...own, display_name: 'Renamed' });
      expect(updated.display_name).toBe('Renamed');
      expect((await bob.client.getIncomingWebhook(own.id)).display_name).toBe('Renamed');

      // Another member, an outsider: no read, update or delete of bob's hook.
      for (const user of [alice, outsider]) {
        expect(await status(user, 'GET', `/hooks/incoming/${own.id}`)).toBe(403);
        expect(await status(user, 'PUT', `/hooks/incoming/${own.id}`, { ...own, display_name: 'taken' })).toBe(403);
        expect(await status(user, 'DELETE', `/hooks/incoming/${own.id}`)).toBe(403);
      }
      const aliceList = await alice.client.getIncomingWebhooks(world.team.id, 0, 100) as IncomingWebhook[];
      expect(aliceList.every((h) => h.user_id === alice.user.id)).toBe(true);
      expect(await status(outsider, 'GET', `/hooks/incoming?team_id=${world.team.id}`)).toBe(403);
      expect(await status(outsider, 'POST', '/hooks/incoming', { channel_id: channel.id })).toBe(403);
      // Nor may a member create a hook posting as someone else.
      expect(await status(alice, 'POST', '/hooks/incoming', { channel_id: channel.id, user_id: bob.user.id })).toBe(403);
      // Nor for a private channel they cannot read.
      expect(await status(alice, 'POST', '/hooks/incoming', { channel_id: secret.id })).toBe(403);
      expect(await status(alice, 'PUT', `/hooks/incoming/${hook.id}`, { ...hook, id: own.id })).toBe(400);

      expect(await bob.client.removeIncomingWebhook(own.id)).toEqual({ status: 'OK' });
      expect(await status(bob, 'GET', `/hooks/incoming/${own.id}`)).toBe(404);
    });

    it('lets the team admin and the system admin manage everyone\'s', async () => {
      const own = await bob.client.createIncomingWebhook({ channel_id: channel.id });
      for (const manager of [world.owner, admin]) {
        expect((await manager.client.getIncomingWebhook(own.id)).id).toBe(own.id);
        const all = await manager.client.getIncomingWebhooks(world.team.id, 0, 200, true) as IncomingWebhooksWithCount;
        expect(all.incoming_webhooks.map((h) => h.user_id)).toEqual(expect.arrayContaining([alice.user.id, bob.user.id]));
        expect(all.total_count).toBe(all.incoming_webhooks.length);
      }
      const forBob = await world.owner.client.createIncomingWebhook({ channel_id: secret.id, user_id: bob.user.id });
      expect(forBob.user_id).toBe(bob.user.id);
      expect(await status(world.owner, 'DELETE', `/hooks/incoming/${own.id}`)).toBe(200);
      // A system admin sees every team's hooks without naming one.
      expect(((await admin.client.getIncomingWebhooks('', 0, 200)) as IncomingWebhook[]).some((h) => h.id === forBob.id)).toBe(true);
    });

    it('follows the roles: without manage_incoming_webhooks a member manages nothing', async () => {
      const role: Role = await admin.client.getRoleByName('team_user');
      const without = role.permissions.filter((p) => p !== 'manage_incoming_webhooks' && p !== 'manage_own_incoming_webhooks');
      await admin.client.patchRole(role.id, { permissions: without });
      try {
        expect(await status(alice, 'POST', '/hooks/incoming', { channel_id: channel.id })).toBe(403);
        expect(await status(alice, 'GET', `/hooks/incoming/${hook.id}`)).toBe(403);
        expect(await status(alice, 'GET', `/hooks/incoming?team_id=${world.team.id}`)).toBe(403);
      } finally {
        await admin.client.patchRole(role.id, { permissions: role.permissions });
      }
      expect(await status(alice, 'GET', `/hooks/incoming/${hook.id}`)).toBe(200);
    });

    it('records management in the audit log', async () => {
      await alice.client.createIncomingWebhook({ channel_id: channel.id });
      const audits = await raw(server, 'GET', '/audits?per_page=200', { token: admin.token });
      expect(JSON.stringify(audits.body)).toContain('webhook.incoming.create');
    });
  });

  it('counts hooks in the site statistics', async () => {
    const rows = (await raw(server, 'GET', '/analytics/old?name=extra_counts', { token: admin.token })).body as { name: string; value: number }[];
    const count = rows.find((r) => r.name === 'incoming_webhook_count')?.value ?? 0;
    const all = await admin.client.getIncomingWebhooks('', 0, 200) as IncomingWebhook[];
    expect(count).toBe(all.length);
    expect(count).toBeGreaterThan(0);
  });
});
