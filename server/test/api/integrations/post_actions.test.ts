import type http from 'node:http';
import type { Channel } from '@mattermost/types/channels';
import type { Post } from '@mattermost/types/posts';
import type { PostSearchResults } from '@mattermost/types/posts';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createUser, raw, startTestServer, type TestServer, type TestUser } from '../../harness.js';
import { LoopbackServer } from '../../loopback_server.js';
import { channelWith, ensureAdmin, teamWith, type TeamWorld } from '../post_fixtures.js';
import { WsUser, type WsEvent } from '../../ws_client.js';

interface Received {
  path: string;
  body: Record<string, any>;
}

/** An integration on loopback: records every request and answers with what the test set for its path. */
class Integration extends LoopbackServer {
  readonly received: Received[] = [];
  readonly answers = new Map<string, { status?: number; body: unknown }>();

  protected answer(req: http.IncomingMessage, text: string, res: http.ServerResponse): void {
    const path = req.url ?? '';
    this.received.push({ path, body: JSON.parse(text || '{}') as Record<string, any> });
    const answer = this.answers.get(path) ?? { body: {} };
    res.writeHead(answer.status ?? 200, { 'Content-Type': 'application/json' });
    res.end(JSON.stringify(answer.body));
  }

  last(path: string): Received {
    const found = this.received.filter((r) => r.path === path).at(-1);
    if (!found) throw new Error(`no request to ${path}`);
    return found;
  }
}

const postOf = (e: WsEvent): Post => JSON.parse(e.data.post as string) as Post;
const actionsOf = (post: Post): Record<string, any>[] => ((post.props.attachments as { actions?: Record<string, any>[] }[]) ?? []).flatMap((a) => a.actions ?? []);
const click = (user: TestUser, postId: string, actionId: string, body: object = {}) =>
  raw(server, 'POST', `/posts/${postId}/actions/${actionId}`, { token: user.token, body });

let server: TestServer;
const hook = new Integration();
let world: TeamWorld;
let author: TestUser;
let clicker: TestUser;
let outsider: TestUser;
let channel: Channel;
let clickerWs: WsUser;
let authorWs: WsUser;

/** An integration's post in the channel: a button and a menu, each with its URL and private context. */
async function interactivePost(text = 'Deploy?'): Promise<Post> {
  return server.app.integrationPosts.post({
    authorId: author.user.id, channelId: channel.id, text, username: 'deploybot',
    attachments: [{
      color: 'good', text: 'Pick one', fields: [{ title: 'Env', value: 'prod', short: true }],
      actions: [
        { id: 'approve', name: 'Approve', style: 'primary', integration: { url: `${hook.base}/approve`, context: { ticket: 7 } } },
        { id: 'env', type: 'select', name: 'Env', options: [{ text: 'Prod', value: 'prod' }, { text: 'Dev', value: 'dev' }], integration: { url: `${hook.base}/env`, context: { ticket: 8 } } },
        { id: 'far', name: 'Far', integration: { url: 'http://169.254.169.254/latest/meta-data/' } },
      ],
    }],
  });
}

beforeAll(async () => {
  await hook.start();
  server = await startTestServer({}, {
    MM_SERVICESETTINGS_ALLOWEDUNTRUSTEDINTERNALCONNECTIONS: '127.0.0.1',
    MM_SERVICESETTINGS_OUTGOINGINTEGRATIONREQUESTSTIMEOUT: '2',
    MM_SERVICESETTINGS_ENABLEPOSTUSERNAMEOVERRIDE: 'true',
  });
  await ensureAdmin(server);
  world = await teamWith(server, 2);
  [author, clicker] = world.members;
  channel = await channelWith(world.owner, world.team.id, world.members);
  outsider = await createUser(server, 'outsider');
  clickerWs = new WsUser(server, clicker.token);
  authorWs = new WsUser(server, author.token);
  await Promise.all([clickerWs.connect(), authorWs.connect()]);
});

afterAll(async () => {
  clickerWs?.close();
  authorWs?.close();
  await server?.close();
  await hook.close();
});

describe('message actions', () => {
  it('sends a click with the user, channel, team, context and a trigger id, then applies the update and the ephemeral text', async () => {
    const created = await interactivePost();
    hook.answers.set('/approve', {
      body: {
        update: { message: 'Approved by the bot', props: { attachments: [{ text: 'Done', actions: [{ id: 'approve', name: 'Undo' }] }] } },
        ephemeral_text: 'You approved <https://example.com/t/7|ticket 7>',
      },
    });
    const from = authorWs.events.length;
    const clickerFrom = clickerWs.events.length;
    const answer = await click(clicker, created.id, 'approve');
    expect(answer.status).toBe(200);

    const sent = hook.last('/approve').body;
    expect(sent).toMatchObject({
      user_id: clicker.user.id, user_name: clicker.user.username, channel_id: channel.id, channel_name: channel.name,
      team_id: world.team.id, team_domain: world.team.name, post_id: created.id, type: 'button', data_source: '', context: { ticket: 7 },
    });
    expect(await server.app.triggerIds.userOf(sent.trigger_id as string)).toBe(clicker.user.id);
    expect(answer.body).toEqual({ status: 'OK', trigger_id: server.app.triggerIds.clientIdOf(sent.trigger_id as string) });

    // Every member sees the update; the integration stays on the server, under the action the update repeated.
    const edited = postOf(await authorWs.waitFor((e) => e.event === 'post_edited' && postOf(e).id === created.id, from));
    expect(edited.message).toBe('Approved by the bot');
    expect(edited.props).toMatchObject({ from_webhook: 'true', override_username: 'deploybot' });
    expect(actionsOf(edited)).toEqual([{ id: 'approve', type: 'button', name: 'Undo' }]);
    const stored = await server.app.deps.store.posts.get(created.id);
    expect(actionsOf(stored as unknown as Post)[0].integration).toEqual({ url: `${hook.base}/approve`, context: { ticket: 7 } });

    // The ephemeral text reaches the clicker only, in the post's thread, with Slack links made Markdown.
    const ephemeral = postOf(await clickerWs.waitFor((e) => e.event === 'ephemeral_message', clickerFrom));
    expect(ephemeral).toMatchObject({ message: 'You approved [ticket 7](https://example.com/t/7)', channel_id: channel.id, root_id: created.id });
    expect(authorWs.eventsNamed('ephemeral_message', from)).toEqual([]);
  });

  it('sends the chosen option of a menu in the context, with its data source', async () => {
    const created = await interactivePost();
    hook.answers.set('/env', { body: { goto_location: 'https://example.com/deployments' } });
    const answer = await click(clicker, created.id, 'env', { selected_option: 'dev' });
    expect(answer.status).toBe(200);
    expect(answer.body.goto_location).toBe('https://example.com/deployments');
    expect(hook.last('/env').body).toMatchObject({ type: 'select', context: { ticket: 8, selected_option: 'dev' } });
    // No update in the answer: the post is unchanged.
    expect((await clicker.client.getPost(created.id)).message).toBe('Deploy?');
  });

  it('refuses users who cannot read the channel, and unknown actions', async () => {
    const created = await interactivePost();
    const requests = hook.received.length;
    expect((await click(outsider, created.id, 'approve')).status).toBe(403);
    const secret = await channelWith(world.owner, world.team.id, [author], 'P');
    const hidden = await server.app.integrationPosts.post({
      authorId: author.user.id, channelId: secret.id, text: 'private',
      attachments: [{ actions: [{ id: 'approve', name: 'Approve', integration: { url: `${hook.base}/approve` } }] }],
    });
    expect((await click(clicker, hidden.id, 'approve')).status).toBe(403);
    expect(hook.received.length).toBe(requests);
    const unknown = await click(clicker, created.id, 'nosuchaction');
    expect(unknown.status).toBe(404);
    expect(unknown.body.id).toBe('api.post.do_action.action_id.app_error');
  });

  it('answers a failing integration with a 400 and refuses private addresses before connecting', async () => {
    const created = await interactivePost();
    hook.answers.set('/approve', { status: 500, body: {} });
    const failed = await click(clicker, created.id, 'approve');
    expect(failed.status).toBe(400);
    expect(failed.body.id).toBe('api.post.do_action.action_integration.app_error');
    const far = await click(clicker, created.id, 'far');
    expect(far.status).toBe(400);
    expect(far.body.message).toContain('not allowed');
  });

  it('never shows the integration to clients: single post, lists, search and the posted event', async () => {
    const from = clickerWs.events.length;
    const created = await interactivePost('zanzibarwombat');
    expect(actionsOf(created).map((a) => a.integration)).toEqual([undefined, undefined, undefined]);
    const posted = postOf(await clickerWs.waitFor((e) => e.event === 'posted' && postOf(e).id === created.id, from));
    const single = await clicker.client.getPost(created.id);
    const page = await clicker.client.getPosts(channel.id, 0, 30);
    const found = await clicker.client.searchPostsWithParams(world.team.id, { terms: 'zanzibarwombat', is_or_search: false } as never) as PostSearchResults;
    for (const view of [posted, single, page.posts[created.id], found.posts[created.id]]) {
      expect(JSON.stringify(view)).not.toContain(hook.base);
      expect(actionsOf(view).map((a) => a.id)).toEqual(['approve', 'env', 'far']);
    }
  });
});

describe('ephemeral posts with actions', () => {
  it('carries sealed cookies the click sends back; a tampered or misplaced cookie is refused', async () => {
    const from = clickerWs.events.length;
    const view = await server.app.integrationPosts.ephemeral(clicker.user.id, {
      channelId: channel.id, text: 'Only you',
      attachments: [{ actions: [{ id: 'secret', name: 'Go', integration: { url: `${hook.base}/secret`, context: { step: 2 } } }] }],
    });
    const delivered = postOf(await clickerWs.waitFor((e) => e.event === 'ephemeral_message' && postOf(e).id === view.id, from));
    const [action] = actionsOf(delivered);
    expect(action.integration).toBeUndefined();
    expect(JSON.stringify(delivered)).not.toContain(hook.base);
    const cookie = action.cookie as string;
    expect(cookie.length).toBeGreaterThan(40);

    hook.answers.set('/secret', { body: { ephemeral_text: 'step 2 done' } });
    const answer = await click(clicker, view.id, 'secret', { cookie });
    expect(answer.status).toBe(200);
    expect(hook.last('/secret').body).toMatchObject({ post_id: view.id, channel_id: channel.id, user_id: clicker.user.id, context: { step: 2 } });

    const bytes = Buffer.from(cookie, 'base64');
    bytes[20] ^= 1;
    const tampered = await click(clicker, view.id, 'secret', { cookie: bytes.toString('base64') });
    expect(tampered.status).toBe(400);
    expect((await click(clicker, 'a'.repeat(26), 'secret', { cookie })).status).toBe(400);
    expect((await click(clicker, view.id, 'secret')).status).toBe(404);
    expect((await click(outsider, view.id, 'secret', { cookie })).status).toBe(403);
    expect(hook.received.filter((r) => r.path === '/secret')).toHaveLength(1);
  });
});

describe('interactive dialogs', () => {
  const dialog = {
    callback_id: 'deploy', title: 'Deploy', submit_label: 'Go', notify_on_cancel: true, state: 'st',
    elements: [
      { display_name: 'Name', name: 'name', type: 'text', min_length: 3, max_length: 20 },
      { display_name: 'Env', name: 'env', type: 'select', options: [{ text: 'Prod', value: 'prod' }], default: 'prod' },
      { display_name: 'Notes', name: 'notes', type: 'textarea', optional: true },
    ],
  };

  async function triggerFromClick(): Promise<{ triggerId: string; clientId: string }> {
    const created = await interactivePost();
    hook.answers.set('/approve', { body: {} });
    const answer = await click(clicker, created.id, 'approve');
    return { triggerId: hook.last('/approve').body.trigger_id as string, clientId: answer.body.trigger_id as string };
  }

  it('opens a dialog on the socket of the trigger\'s user only', async () => {
    const { triggerId, clientId } = await triggerFromClick();
    const from = clickerWs.events.length;
    const authorFrom = authorWs.events.length;
    const opened = await raw(server, 'POST', '/actions/dialogs/open', { body: { trigger_id: triggerId, url: `${hook.base}/submit`, dialog } });
    expect(opened).toMatchObject({ status: 200, body: { status: 'OK' } });
    const event = await clickerWs.waitFor((e) => e.event === 'open_dialog', from);
    const request = JSON.parse(event.data.dialog as string);
    expect(request.trigger_id).toBe(clientId);
    expect(request.url).toBe(`${hook.base}/submit`);
    expect(request.dialog).toMatchObject({ callback_id: 'deploy', title: 'Deploy', notify_on_cancel: true, state: 'st' });
    expect(request.dialog.elements.map((e: { name: string }) => e.name)).toEqual(['name', 'env', 'notes']);
    // A channel post reaches both sockets after the dialog: had the author's socket been sent the dialog, it came first.
    await world.owner.client.createPost({ channel_id: channel.id, message: 'after the dialog' } as Post);
    await authorWs.waitFor((e) => e.event === 'posted' && postOf(e).message === 'after the dialog', authorFrom);
    expect(authorWs.eventsNamed('open_dialog', authorFrom)).toEqual([]);
  });

  it('refuses forged and expired triggers, and invalid dialogs', async () => {
    const { triggerId } = await triggerFromClick();
    const open = (body: object) => raw(server, 'POST', '/actions/dialogs/open', { body: { trigger_id: triggerId, url: `${hook.base}/submit`, dialog, ...body } });
    const [payload, signature] = triggerId.split('.');
    const altered = `${signature[0] === 'A' ? 'B' : 'A'}${signature.slice(1)}`;
    const forged = await open({ trigger_id: `${payload}.${altered}` });
    expect(forged.status).toBe(400);
    expect(forged.body.id).toBe('interactive_message.decode_trigger_id.signature_decode_failed');
    const otherUser = Buffer.from(Buffer.from(payload, 'base64url').toString().replace(clicker.user.id, author.user.id)).toString('base64url');
    expect((await open({ trigger_id: `${otherUser}.${signature}` })).status).toBe(400);
    expect((await open({ dialog: { ...dialog, title: '' } })).status).toBe(400);
    expect((await open({ dialog: { ...dialog, elements: [{ display_name: 'X', name: 'x', type: 'text', subtype: 'colour' }] } })).status).toBe(400);
    expect((await open({ url: 'not a url' })).status).toBe(400);
    const now = Date.now();
    const clock = vi.spyOn(Date, 'now').mockReturnValue(now + 4 * 60_000);
    try {
      const expired = await open({});
      expect(expired.status).toBe(400);
      expect(expired.body.id).toBe('interactive_message.decode_trigger_id.expired');
    } finally {
      clock.mockRestore();
    }
  });

  it('submits as the caller and answers the integration\'s field errors, then its acceptance', async () => {
    const submit = (user: TestUser, channelId: string) => raw(server, 'POST', '/actions/dialogs/submit', {
      token: user.token,
      body: {
        url: `${hook.base}/submit`, callback_id: 'deploy', state: 'st', user_id: author.user.id, channel_id: channelId, team_id: world.team.id,
        submission: { name: 'ab', env: 'prod' }, cancelled: false,
      },
    });
    hook.answers.set('/submit', { body: { errors: { name: 'Too short' }, ignored: true } });
    const refused = await submit(clicker, channel.id);
    expect(refused).toMatchObject({ status: 200, body: { errors: { name: 'Too short' } } });
    const sent = hook.last('/submit').body;
    expect(sent).toEqual({
      type: 'dialog_submission', callback_id: 'deploy', state: 'st', user_id: clicker.user.id, channel_id: channel.id, team_id: world.team.id,
      submission: { name: 'ab', env: 'prod' }, cancelled: false,
    });
    hook.answers.set('/submit', { body: {} });
    expect(await submit(clicker, channel.id)).toMatchObject({ status: 200, body: {} });
    const requests = hook.received.length;
    expect((await submit(outsider, channel.id)).status).toBe(403);
    expect(hook.received.length).toBe(requests);
    expect((await raw(server, 'POST', '/actions/dialogs/submit', { body: { url: `${hook.base}/submit`, channel_id: channel.id } })).status).toBe(401);
  });
});
