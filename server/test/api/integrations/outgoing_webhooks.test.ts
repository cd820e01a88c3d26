import type http from 'node:http';
import type { Channel } from '@mattermost/types/channels';
import type { OutgoingWebhook } from '@mattermost/types/integrations';
import type { Post } from '@mattermost/types/posts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { outgoingWebhookRequests } from '../../../src/app/integrations/webhooks/outgoing_dispatch.js';
import { createUser, raw, startTestServer, type TestServer, type TestUser } from '../../harness.js';
import { LoopbackServer } from '../../loopback_server.js';
import { channelWith, ensureAdmin, post, teamWith, type TeamWorld } from '../post_fixtures.js';

interface Received {
  path: string;
  contentType: string;
  body: Record<string, unknown>;
}

/** An integration on loopback: records every call; answers by path; `/hold` answers only when released. */
class Integration extends LoopbackServer {
  readonly received: Received[] = [];
  private readonly held: http.ServerResponse[] = [];

  calls(path: string): Received[] {
    return this.received.filter((r) => r.path === path);
  }

  protected answer(req: http.IncomingMessage, text: string, res: http.ServerResponse): void {
    const contentType = (req.headers['content-type'] ?? '').split(';')[0];
    const body = contentType === 'application/json' ? JSON.parse(text) as Record<string, unknown> : Object.fromEntries(new URLSearchParams(text));
    const path = req.url ?? '';
    this.received.push({ path, contentType, body });
    const json = (value: object): void => {
      res.writeHead(200, { 'Content-Type': 'application/json' });
      res.end(JSON.stringify(value));
    };
    if (path === '/reply') json({ text: `pong to ${String(body.user_name)}`, response_type: 'comment' });
    else if (path === '/form') json({ text: 'form ok', username: 'formbot' });
    else if (path === '/quiet') res.end();
    else if (path === '/hold') this.held.push(res);
    else if (path === '/flaky' && this.calls('/flaky').length < 3) {
      res.writeHead(503);
      res.end();
    } else json({ text: `answer from ${path}` });
  }

  override async close(): Promise<void> {
    for (const res of this.held) res.end();
    await super.close();
  }
}

const outcomes = async (result: string): Promise<number> =>
  (await outgoingWebhookRequests.get()).values.find((v) => v.labels.result === result)?.value ?? 0;

describe('outgoing webhooks', () => {
  const integration = new Integration();
  let server: TestServer;
  let admin: TestUser;
  let world: TeamWorld;
  let alice: TestUser;
  let bob: TestUser;
  let channel: Channel;

  const patchConfig = (patch: object) => admin.client.patchConfig(patch as never);
  const settled = () => server.app.webhooks.triggers.whenIdle();
  const hookFor = (user: TestUser, fields: Partial<OutgoingWebhook>, on = channel): Promise<OutgoingWebhook> =>
    user.client.createOutgoingWebhook({ team_id: world.team.id, channel_id: on.id, content_type: 'application/json', ...fields } as OutgoingWebhook);
  const postsOf = async (channelId: string): Promise<Post[]> => {
    const list = await alice.client.getPosts(channelId, 0, 50);
    return list.order.map((id) => list.posts[id]);
  };

  beforeAll(async () => {
    await integration.start();
    server = await startTestServer();
    admin = await ensureAdmin(server);
    await patchConfig({ ServiceSettings: { AllowedUntrustedInternalConnections: '127.0.0.1', OutgoingIntegrationRequestsTimeout: 1 } });
    world = await teamWith(server, 2);
    [alice, bob] = world.members;
    channel = await channelWith(world.owner, world.team.id, [alice, bob]);
  });

  afterAll(async () => {
    await server?.close();
    await integration.close();
  });

  it('sends a post\'s fields to the callback and posts the answer as a reply', async () => {
    const hook = await hookFor(alice, { trigger_words: ['ping'], callback_urls: [`${integration.base}/reply`], display_name: 'Pinger' });
    const trigger = await post(bob, channel.id, 'ping   the server');
    await post(bob, channel.id, 'pingpong is not a trigger');
    await settled();
    const calls = integration.calls('/reply');
    expect(calls).toHaveLength(1);
    expect(calls[0].contentType).toBe('application/json');
    expect(calls[0].body).toEqual({
      token: hook.token, team_id: world.team.id, team_domain: world.team.name, channel_id: channel.id, channel_name: channel.name,
      timestamp: trigger.create_at, user_id: bob.user.id, user_name: bob.user.username, post_id: trigger.id, text: 'ping   the server',
      trigger_word: 'ping', file_ids: '',
    });
    const reply = (await postsOf(channel.id)).find((p) => p.root_id === trigger.id);
    expect(reply).toMatchObject({ message: `pong to ${bob.user.username}`, user_id: alice.user.id });
    expect(reply?.props).toMatchObject({ from_webhook: 'true', webhook_display_name: 'Pinger' });
    await alice.client.removeOutgoingWebhook(hook.id);
  });

  it('matches the first word\'s start with trigger_when 1, and sends a form unless JSON is asked for', async () => {
    const hook = await hookFor(alice, { trigger_words: ['deploy'], trigger_when: 1, callback_urls: [`${integration.base}/form`], content_type: '' });
    const trigger = await post(bob, channel.id, 'deploy-prod now');
    await post(bob, channel.id, 'please deploy');
    await settled();
    const calls = integration.calls('/form');
    expect(calls).toHaveLength(1);
    expect(calls[0].contentType).toBe('application/x-www-form-urlencoded');
    expect(calls[0].body).toMatchObject({ trigger_word: 'deploy', post_id: trigger.id, timestamp: String(Math.floor(trigger.create_at / 1000)), token: hook.token });
    const answer = (await postsOf(channel.id)).find((p) => p.message === 'form ok');
    expect(answer?.root_id).toBe('');
    await alice.client.removeOutgoingWebhook(hook.id);
  });

  it('fires a channel hook without trigger words for every post by a person, never for its own answers', async () => {
    const quiet = await channelWith(world.owner, world.team.id, [alice, bob]);
    const hook = await hookFor(alice, { callback_urls: [`${integration.base}/every`] }, quiet);
    await post(bob, quiet.id, 'one');
    await post(alice, quiet.id, 'two');
    await settled();
    // Two posts, two calls; the two answers posted by the hook did not call it again.
    expect(integration.calls('/every')).toHaveLength(2);
    expect((await postsOf(quiet.id)).filter((p) => p.message === 'answer from /every')).toHaveLength(2);
    await alice.client.removeOutgoingWebhook(hook.id);
  });

  it('retries 5xx answers with backoff until one succeeds; an empty answer posts nothing', async () => {
    const hook = await hookFor(alice, { trigger_words: ['flaky'], callback_urls: [`${integration.base}/flaky`, `${integration.base}/quiet`] });
    const before = (await postsOf(channel.id)).length;
    await post(bob, channel.id, 'flaky call');
    await settled();
    // Two 503s, then the answer on the second retry.
    expect(integration.calls('/flaky')).toHaveLength(3);
    expect(integration.calls('/quiet')).toHaveLength(1);
    const posts = await postsOf(channel.id);
    expect(posts.filter((p) => p.message === 'answer from /flaky')).toHaveLength(1);
    // The trigger and the one answer.
    expect(posts).toHaveLength(before + 2);
    await alice.client.removeOutgoingWebhook(hook.id);
  });

  it('answers the post at once while the integration has not answered, and gives up after the timeout', async () => {
    const hook = await hookFor(alice, { trigger_words: ['slow'], callback_urls: [`${integration.base}/hold`] });
    const timeouts = await outcomes('timeout');
    const created = await post(bob, channel.id, 'slow request');
    // The post is answered while its call is still in flight: had creation waited for the call, its timeout would
    // already be counted.
    expect(created.message).toBe('slow request');
    expect(await outcomes('timeout')).toBe(timeouts);
    await settled();
    expect(integration.calls('/hold')).toHaveLength(1);
    expect(await outcomes('timeout')).toBe(timeouts + 1);
    await alice.client.removeOutgoingWebhook(hook.id);
  });

  it('refuses an internal address that is not allowed before connecting', async () => {
    const hook = await hookFor(alice, { trigger_words: ['internal'], callback_urls: [`${integration.base}/internal`] });
    const refusals = await outcomes('forbidden_address');
    await patchConfig({ ServiceSettings: { AllowedUntrustedInternalConnections: '' } });
    try {
      await post(bob, channel.id, 'internal call');
      await settled();
    } finally {
      await patchConfig({ ServiceSettings: { AllowedUntrustedInternalConnections: '127.0.0.1' } });
    }
    expect(integration.calls('/internal')).toHaveLength(0);
    expect(await outcomes('forbidden_address')).toBe(refusals + 1);
    await alice.client.removeOutgoingWebhook(hook.id);
  });

  describe('management and its permissions', () => {
    const status = async (user: TestUser, method: string, path: string, body?: object): Promise<number> =>
      (await raw(server, method, path, { token: user.token, body })).status;

    it('lets a member manage their own hooks; team and system admins everyone\'s; others nothing', async () => {
      const outsider = await createUser(server, 'outsider');
      const hook = await hookFor(bob, { trigger_words: ['bob'], callback_urls: ['https://bob.example/hook'], display_name: 'Bob' });
      expect(hook).toMatchObject({ creator_id: bob.user.id, team_id: world.team.id, trigger_when: 0 });
      expect(hook.token).toHaveLength(26);

      for (const user of [alice, outsider]) {
        expect(await status(user, 'GET', `/hooks/outgoing/${hook.id}`)).toBe(403);
        expect(await status(user, 'PUT', `/hooks/outgoing/${hook.id}`, { ...hook, display_name: 'taken' })).toBe(403);
        expect(await status(user, 'POST', `/hooks/outgoing/${hook.id}/regen_token`)).toBe(403);
        expect(await status(user, 'DELETE', `/hooks/outgoing/${hook.id}`)).toBe(403);
      }
      expect((await alice.client.getOutgoingWebhooks(channel.id, '', 0, 100)).some((h) => h.id === hook.id)).toBe(false);
      expect(await status(outsider, 'POST', '/hooks/outgoing', { team_id: world.team.id, channel_id: channel.id, callback_urls: ['https://x.example'] })).toBe(403);
      expect(await status(alice, 'POST', '/hooks/outgoing', { team_id: world.team.id, channel_id: channel.id, creator_id: bob.user.id, callback_urls: ['https://x.example'] })).toBe(403);

      for (const manager of [world.owner, admin]) {
        expect((await manager.client.getOutgoingWebhook(hook.id)).id).toBe(hook.id);
        expect((await manager.client.getOutgoingWebhooks('', world.team.id, 0, 100)).some((h) => h.id === hook.id)).toBe(true);
      }
      const renamed = await world.owner.client.updateOutgoingWebhook({ ...hook, display_name: 'Renamed' });
      expect(renamed).toMatchObject({ display_name: 'Renamed', creator_id: bob.user.id, token: hook.token });
      const regenerated = await bob.client.regenOutgoingHookToken(hook.id);
      expect(regenerated.token).not.toBe(hook.token);
      expect((await bob.client.getOutgoingWebhook(hook.id)).token).toBe(regenerated.token);
      expect(await bob.client.removeOutgoingWebhook(hook.id)).toEqual({ status: 'OK' });
      expect(await status(bob, 'GET', `/hooks/outgoing/${hook.id}`)).toBe(404);
    });

    it('checks the channel, the trigger words and the URLs', async () => {
      const secret = await channelWith(world.owner, world.team.id, [alice], 'P');
      const base = { team_id: world.team.id, channel_id: channel.id, callback_urls: ['https://x.example/a'], trigger_words: ['go'] };
      expect(await status(alice, 'POST', '/hooks/outgoing', { ...base, channel_id: secret.id })).toBe(403);
      expect(await status(alice, 'POST', '/hooks/outgoing', { ...base, channel_id: '', trigger_words: [] })).toBe(400);
      expect(await status(alice, 'POST', '/hooks/outgoing', { ...base, callback_urls: [] })).toBe(400);
      expect(await status(alice, 'POST', '/hooks/outgoing', { ...base, callback_urls: ['ftp://x.example'] })).toBe(400);
      expect(await status(alice, 'POST', '/hooks/outgoing', { ...base, trigger_when: 2 })).toBe(400);
      const first = await alice.client.createOutgoingWebhook(base as OutgoingWebhook);
      // The same word to the same URL in the same channel would send one post twice.
      const clash = await raw(server, 'POST', '/hooks/outgoing', { token: bob.token, body: { ...base, trigger_words: ['stop', 'go'] } });
      expect([clash.status, clash.body.id]).toEqual([400, 'api.webhook.create_outgoing.intersect.app_error']);
      // A team-wide hook (no channel) with trigger words is allowed.
      const teamWide = await alice.client.createOutgoingWebhook({ ...base, channel_id: '' } as OutgoingWebhook);
      expect(teamWide.channel_id).toBe('');
      await alice.client.removeOutgoingWebhook(first.id);
      await alice.client.removeOutgoingWebhook(teamWide.id);
    });

    it('follows the roles: without manage_outgoing_webhooks a member manages nothing', async () => {
      const own = await hookFor(alice, { trigger_words: ['mine'], callback_urls: ['https://alice.example/hook'] });
      const role = await admin.client.getRoleByName('team_user');
      await admin.client.patchRole(role.id, { permissions: role.permissions.filter((p) => p !== 'manage_outgoing_webhooks' && p !== 'manage_own_outgoing_webhooks') });
      try {
        expect(await status(alice, 'POST', '/hooks/outgoing', { team_id: world.team.id, channel_id: channel.id, callback_urls: ['https://x.example/b'] })).toBe(403);
        expect(await status(alice, 'GET', `/hooks/outgoing/${own.id}`)).toBe(403);
        expect(await status(alice, 'GET', `/hooks/outgoing?team_id=${world.team.id}`)).toBe(403);
      } finally {
        await admin.client.patchRole(role.id, { permissions: role.permissions });
      }
      expect(await alice.client.removeOutgoingWebhook(own.id)).toEqual({ status: 'OK' });
    });

    it('is refused while outgoing webhooks are disabled', async () => {
      await patchConfig({ ServiceSettings: { EnableOutgoingWebhooks: false } });
      try {
        const list = await raw(server, 'GET', `/hooks/outgoing?team_id=${world.team.id}`, { token: alice.token });
        expect([list.status, list.body.id]).toEqual([501, 'api.outgoing_webhook.disabled.app_error']);
      } finally {
        await patchConfig({ ServiceSettings: { EnableOutgoingWebhooks: true } });
      }
    });
  });
});
