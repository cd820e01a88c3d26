import type http from 'node:http';
import type { Channel } from '@mattermost/types/channels';
import type { Command } from '@mattermost/types/integrations';
import type { Post } from '@mattermost/types/posts';
import type { Team } from '@mattermost/types/teams';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { integrationRequestDuration } from '../../../src/metrics/registry.js';
import { createUser, raw, startTestServer, type TestServer, type TestUser } from '../../harness.js';
import { LoopbackServer } from '../../loopback_server.js';
import { WsUser, type WsEvent } from '../../ws_client.js';
import { channelWith, ensureAdmin, teamWith } from '../post_fixtures.js';
import { newTeam } from '../../team_fixtures.js';

/** Slash command calls measured with this outcome so far (the metric's count). */
const calls = async (result: string): Promise<number> => (await integrationRequestDuration.get()).values
  .find((v) => v.metricName === 'parley_integration_request_seconds_count' && v.labels.kind === 'slash_command' && v.labels.result === result)?.value ?? 0;

const SITE = 'http://chat.parley.test';

interface Received {
  method: string;
  path: string;
  authorization: string;
  contentType: string;
  fields: Record<string, string>;
}

/** A command's integration on loopback: records what it is sent, answers by path. */
class Integration extends LoopbackServer {
  readonly received: Received[] = [];

  protected answer(req: http.IncomingMessage, body: string, res: http.ServerResponse): void {
    const url = new URL(req.url ?? '/', this.base);
    const fields = Object.fromEntries(new URLSearchParams(req.method === 'GET' ? url.search : body));
    this.received.push({ method: req.method ?? '', path: url.pathname, authorization: req.headers.authorization ?? '', contentType: req.headers['content-type'] ?? '', fields });
    const json = (value: unknown) => {
      res.writeHead(200, { 'Content-Type': 'application/json' });
      res.end(JSON.stringify(value));
    };
    switch (url.pathname) {
      case '/in_channel': return json({ response_type: 'in_channel', text: `deploying ${fields.text}`, username: 'answer-name', extra_responses: [{ text: 'extra, only for you' }] });
      case '/ephemeral': return json({ text: 'only you see this', goto_location: 'https://example.com/next' });
      case '/elsewhere': return json({ response_type: 'in_channel', channel_id: url.searchParams.get('to'), text: 'over there' });
      case '/quiet': return json({ text: '' });
      case '/plain':
        res.writeHead(200, { 'Content-Type': 'text/plain' });
        return void res.end('plain words');
      case '/slow': return undefined;
      case '/to-internal':
        res.writeHead(302, { Location: url.searchParams.get('to') ?? '/' });
        return void res.end();
      case '/fail':
        res.writeHead(503);
        return void res.end('down');
      default:
        res.writeHead(404);
        return void res.end();
    }
  }

  last(): Received {
    const last = this.received.at(-1);
    if (!last) throw new Error('nothing received');
    return last;
  }
}

describe('custom slash commands', () => {
  const integration = new Integration();
  // Loopback, but not the address the admin allowed.
  const internal = new Integration('127.0.0.2');
  let server: TestServer;
  let admin: TestUser;
  let owner: TestUser;
  let alice: TestUser;
  let bob: TestUser;
  let outsider: TestUser;
  let team: Team;
  let channel: Channel;
  let ws: WsUser;

  beforeAll(async () => {
    await integration.start();
    await internal.start();
    server = await startTestServer({ siteUrl: SITE }, {
      MM_SERVICESETTINGS_ALLOWEDUNTRUSTEDINTERNALCONNECTIONS: '127.0.0.1',
      MM_SERVICESETTINGS_OUTGOINGINTEGRATIONREQUESTSTIMEOUT: '1',
      MM_SERVICESETTINGS_ENABLEPOSTUSERNAMEOVERRIDE: 'true',
    });
    admin = await ensureAdmin(server);
    const world = await teamWith(server, 2);
    ({ owner, team } = world);
    [alice, bob] = world.members;
    channel = await channelWith(owner, team.id, [alice, bob]);
    outsider = await createUser(server, 'outsider');
    ws = new WsUser(server, alice.token);
    await ws.connect();
  });

  afterAll(async () => {
    ws?.close();
    await server?.close();
    await integration.close();
    await internal.close();
  });

  const create = (user: TestUser, fields: Partial<Command>) => raw(server, 'POST', '/commands', {
    token: user.token, body: { team_id: team.id, method: 'P', url: `${integration.base}/in_channel`, ...fields },
  });
  async function created(user: TestUser, fields: Partial<Command>): Promise<Command> {
    const answer = await create(user, { trigger: `t${Math.random().toString(36).slice(2, 10)}`, ...fields });
    expect(answer.status).toBe(201);
    return answer.body as Command;
  }
  const execute = (user: TestUser, command: string, channelId = channel.id) =>
    raw(server, 'POST', '/commands/execute', { token: user.token, body: { channel_id: channelId, team_id: team.id, command } });
  const lastPost = async (channelId = channel.id, reader = bob): Promise<Post> => {
    const list = await reader.client.getPosts(channelId, 0, 1);
    return list.posts[list.order[0]];
  };
  const hook = (responseUrl: string, body: string, contentType = 'application/json') =>
    fetch(`${server.url}${new URL(responseUrl).pathname}`, { method: 'POST', headers: { 'Content-Type': contentType }, body });
  const getCommand = (user: TestUser, id: string) => raw(server, 'GET', `/commands/${id}`, { token: user.token });
  const move = (user: TestUser, id: string, teamId: string) => raw(server, 'PUT', `/commands/${id}/move`, { token: user.token, body: { team_id: teamId } });
  const setCommandsEnabled = (on: boolean) => raw(server, 'PUT', '/config/patch', { token: admin.token, body: { ServiceSettings: { EnableCommands: on } } });

  it('creates a command with a token and a lower-cased trigger; checks triggers and fields', async () => {
    const command = await created(alice, { trigger: 'Deploy', display_name: 'Deploy', auto_complete: true, auto_complete_desc: 'Ship it', auto_complete_hint: '[env]' });
    expect(command).toMatchObject({ trigger: 'deploy', creator_id: alice.user.id, team_id: team.id, method: 'P', auto_complete: true });
    expect(command.token).toMatch(/^[a-z0-9]{26}$/);
    expect((await getCommand(alice, command.id)).body.token).toBe(command.token);

    const refused: [Partial<Command>, string][] = [
      [{ trigger: 'deploy' }, 'api.command.duplicate_trigger.app_error'],
      [{ trigger: 'join' }, 'api.command.duplicate_trigger.app_error'],
      [{ trigger: '/slash' }, 'model.command.is_valid.trigger.app_error'],
      [{ trigger: 'two words' }, 'model.command.is_valid.trigger.app_error'],
      [{ trigger: 'x'.repeat(129) }, 'model.command.is_valid.trigger.app_error'],
      [{ trigger: 'ftp', url: 'ftp://example.com/x' }, 'model.command.is_valid.url_http.app_error'],
      [{ trigger: 'method', method: 'X' as Command['method'] }, 'model.command.is_valid.method.app_error'],
      [{ trigger: 'long', display_name: 'd'.repeat(65) }, 'model.command.is_valid.display_name.app_error'],
    ];
    for (const [fields, id] of refused) {
      const answer = await create(alice, fields);
      expect([answer.status, answer.body.id], JSON.stringify(fields)).toEqual([400, id]);
    }
  });

  it('lets creators manage their own, team admins anyone\'s, and nobody else', async () => {
    const command = await created(alice, {});
    const path = `/commands/${command.id}`;
    const update = { ...command, url: `${integration.base}/ephemeral` };
    const table: [string, TestUser, number][] = [['bob', bob, 404], ['outsider', outsider, 404]];
    for (const [who, user, status] of table) {
      expect((await raw(server, 'GET', path, { token: user.token })).status, who).toBe(status);
      expect((await raw(server, 'PUT', path, { token: user.token, body: update })).status, who).toBe(who === 'bob' ? 403 : 404);
      expect((await raw(server, 'PUT', `${path}/regen_token`, { token: user.token })).status, who).toBe(who === 'bob' ? 403 : 404);
      expect((await raw(server, 'DELETE', path, { token: user.token })).status, who).toBe(who === 'bob' ? 403 : 404);
    }
    expect((await getCommand(alice, command.id)).body.url).toBe(command.url);
    // Creating one for someone else needs the others permission.
    expect((await create(bob, { trigger: 'forsomeone', creator_id: alice.user.id })).status).toBe(403);
    expect((await create(outsider, { trigger: 'outsiders' })).status).toBe(403);

    const edited = await owner.client.editCommand(update);
    expect(edited).toMatchObject({ id: command.id, url: update.url, creator_id: alice.user.id, token: command.token });
    const { token } = await alice.client.regenCommandToken(command.id);
    expect(token).not.toBe(command.token);
    expect((await raw(server, 'PUT', path, { token: alice.token, body: { ...update, team_id: 'x'.repeat(26) } })).body.id).toBe('api.command.team_mismatch.app_error');

    const mine = await created(bob, {});
    expect((await alice.client.getCustomTeamCommands(team.id)).map((c) => c.id)).not.toContain(mine.id);
    expect((await owner.client.getCustomTeamCommands(team.id)).map((c) => c.id)).toEqual(expect.arrayContaining([mine.id, command.id]));
    const bobsList = await bob.client.getCommandsList(team.id);
    expect(bobsList.map((c) => c.trigger)).toEqual(expect.arrayContaining(['join', mine.trigger]));
    expect(bobsList.map((c) => c.id)).not.toContain(command.id);
    expect((await raw(server, 'GET', `/commands?team_id=${team.id}&custom_only=true`, { token: outsider.token })).status).toBe(403);

    expect(await owner.client.deleteCommand(command.id)).toEqual({ status: 'OK' });
    expect((await raw(server, 'GET', path, { token: alice.token })).body.id).toBe('store.sql_command.save.get.app_error');
  });

  it('moves a command to a team its creator may manage commands in', async () => {
    const command = await created(alice, {});
    const foreign = await newTeam(owner.client);
    expect((await move(owner, command.id, foreign.id)).body.id).toBe('api.command.move_command.creator_no_permission.app_error');
    expect((await move(bob, command.id, team.id)).status).toBe(403);
    await owner.client.addToTeam(foreign.id, alice.user.id);
    expect((await move(alice, command.id, foreign.id)).body).toEqual({ status: 'OK' });
    expect((await getCommand(alice, command.id)).body.team_id).toBe(foreign.id);
    expect((await execute(alice, `/${command.trigger}`)).status).toBe(404);
  });

  it('posts an in_channel answer as the caller, marked as an integration\'s; extra answers too', async () => {
    const command = await created(alice, { trigger: 'ship' });
    const from = ws.events.length;
    const answer = await execute(alice, '/ship now please');
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({ response_type: 'in_channel', text: 'deploying now please' });
    expect(answer.body.trigger_id).not.toBe('');

    const sent = integration.last();
    expect(sent).toMatchObject({ method: 'POST', path: '/in_channel', authorization: `Token ${command.token}`, contentType: 'application/x-www-form-urlencoded' });
    expect(sent.fields).toMatchObject({
      token: command.token, team_id: team.id, team_domain: team.name, channel_id: channel.id, channel_name: channel.name,
      user_id: alice.user.id, user_name: alice.user.username, command: '/ship', text: 'now please', trigger_id: answer.body.trigger_id,
    });
    expect(sent.fields.response_url).toMatch(new RegExp(`^${SITE}/hooks/commands/[a-z0-9]{26}$`));

    const post = await lastPost();
    expect(post).toMatchObject({ user_id: alice.user.id, message: 'deploying now please' });
    expect(post.props).toMatchObject({ from_webhook: 'true', override_username: 'answer-name' });
    const extra = await ws.waitFor((e: WsEvent) => e.event === 'ephemeral_message', from);
    expect(JSON.parse(extra.data.post as string)).toMatchObject({ message: 'extra, only for you', channel_id: channel.id });
  });

  it('shows an ephemeral answer to the caller only, and passes goto_location on', async () => {
    const command = await created(alice, { url: `${integration.base}/ephemeral`, username: 'command-name' });
    const before = (await lastPost()).id;
    const from = ws.events.length;
    const answer = await execute(alice, `/${command.trigger}`);
    expect(answer.body.goto_location).toBe('https://example.com/next');
    const shown = JSON.parse((await ws.waitFor((e: WsEvent) => e.event === 'ephemeral_message', from)).data.post as string) as Post;
    expect(shown).toMatchObject({ message: 'only you see this', user_id: alice.user.id });
    expect(shown.props).toMatchObject({ from_webhook: 'true', override_username: 'command-name' });
    expect((await lastPost()).id).toBe(before);
  });

  it('calls a GET command with the fields in the query; a plain-text answer is the message', async () => {
    const command = await created(alice, { url: `${integration.base}/plain?fixed=1`, method: 'G' });
    const from = ws.events.length;
    await execute(alice, `/${command.trigger} some text`);
    expect(integration.last()).toMatchObject({ method: 'GET', path: '/plain', fields: { fixed: '1', text: 'some text', token: command.token } });
    const shown = await ws.waitFor((e: WsEvent) => e.event === 'ephemeral_message', from);
    expect(JSON.parse(shown.data.post as string).message).toBe('plain words');
  });

  it('posts into another channel the answer names only when the caller is a member there', async () => {
    const other = await channelWith(owner, team.id, [alice]);
    const command = await created(alice, { url: `${integration.base}/elsewhere?to=${other.id}` });
    await execute(alice, `/${command.trigger}`);
    expect((await lastPost(other.id)).message).toBe('over there');
    const foreign = await channelWith(owner, team.id, []);
    const hidden = await created(alice, { url: `${integration.base}/elsewhere?to=${foreign.id}` });
    const refused = await execute(alice, `/${hidden.trigger}`);
    expect(refused).toMatchObject({ status: 403, body: { id: 'api.command.execute_command.create_post_failed.app_error' } });
    expect((await owner.client.getPosts(foreign.id, 0, 10)).order).toEqual([]);
  });

  it('takes delayed answers on the response URL: five at most, none after thirty minutes', async () => {
    const command = await created(alice, { url: `${integration.base}/quiet` });
    await execute(alice, `/${command.trigger}`);
    const responseUrl = integration.last().fields.response_url;
    const first = await hook(responseUrl, JSON.stringify({ response_type: 'in_channel', text: 'later, for all' }));
    expect([first.status, await first.text()]).toEqual([200, 'ok']);
    expect(await lastPost()).toMatchObject({ message: 'later, for all', user_id: alice.user.id, props: { from_webhook: 'true' } });
    const from = ws.events.length;
    expect((await hook(responseUrl, 'later, for you', 'text/plain')).status).toBe(200);
    const shown = await ws.waitFor((e: WsEvent) => e.event === 'ephemeral_message', from);
    expect(JSON.parse(shown.data.post as string).message).toBe('later, for you');
    for (let i = 0; i < 3; i++) expect((await hook(responseUrl, JSON.stringify({ text: `use ${i + 3}` }))).status).toBe(200);
    const sixth = await hook(responseUrl, JSON.stringify({ text: 'one too many' }));
    expect([sixth.status, (await sixth.json()).id]).toEqual([400, 'app.command_webhook.try_use.invalid']);

    const expiredId = 'e'.repeat(26);
    await server.app.deps.store.commands.createWebhook({
      id: expiredId, create_at: Date.now() - 31 * 60_000, command_id: command.id, user_id: alice.user.id, channel_id: channel.id, root_id: '', use_count: 0,
    });
    expect((await hook(`${SITE}/hooks/commands/${expiredId}`, JSON.stringify({ text: 'too late' }))).status).toBe(404);
    expect((await hook(`${SITE}/hooks/commands/${'u'.repeat(26)}`, JSON.stringify({ text: 'who?' }))).status).toBe(404);
  });

  it('fails with Mattermost\'s ids on a timeout and an error status, and measures both calls', async () => {
    const [timeouts, errors] = [await calls('timeout'), await calls('5xx')];
    const slow = await created(alice, { url: `${integration.base}/slow` });
    expect((await execute(alice, `/${slow.trigger}`)).body).toMatchObject({ id: 'api.command.execute_command.failed.app_error', message: expect.stringMatching(/in time/) });
    const failing = await created(alice, { url: `${integration.base}/fail` });
    expect(await execute(alice, `/${failing.trigger}`)).toMatchObject({ status: 500, body: { id: 'api.command.execute_command.failed_resp.app_error' } });
    expect([await calls('timeout'), await calls('5xx')]).toEqual([timeouts + 1, errors + 1]);
  });

  it('refuses an internal address the admin did not allow before connecting, also after a redirect', async () => {
    const direct = await created(alice, { url: `${internal.base}/in_channel` });
    const viaRedirect = await created(alice, { url: `${integration.base}/to-internal?to=${encodeURIComponent(`${internal.base}/in_channel`)}` });
    for (const command of [direct, viaRedirect]) {
      const answer = await execute(alice, `/${command.trigger}`);
      expect(answer.body).toMatchObject({ id: 'api.command.execute_command.failed.app_error', message: expect.stringMatching(/not allowed/) });
    }
    expect(internal.received).toEqual([]);
  });

  it('with EnableCommands off: custom commands are gone (501 to manage, not found to run), built-ins still run', async () => {
    // In the autocomplete while commands are on, so its absence below is the setting's doing.
    const command = await created(alice, { auto_complete: true });
    expect((await setCommandsEnabled(false)).status).toBe(200);
    try {
      expect((await create(alice, { trigger: 'whiledisabled' })).status).toBe(501);
      expect((await raw(server, 'GET', `/commands/${command.id}`, { token: alice.token })).status).toBe(501);
      expect((await execute(alice, `/${command.trigger}`)).body.id).toBe('api.command.execute_command.not_found.app_error');
      expect((await execute(alice, '/away')).status).toBe(200);
      const listed = await alice.client.getAutocompleteCommandsList(team.id);
      expect(listed.map((c) => c.trigger)).not.toContain(command.trigger);
    } finally {
      await setCommandsEnabled(true);
    }
  });

  it('autocompletes commands and their arguments for team members only', async () => {
    const command = await created(alice, { trigger: 'parrot', auto_complete: true, auto_complete_desc: 'Repeats you', auto_complete_hint: '[words]' });
    await created(alice, { trigger: 'parhidden', auto_complete: false });
    const listed = await bob.client.getAutocompleteCommandsList(team.id);
    const parrot = listed.find((c) => c.trigger === 'parrot');
    expect(parrot).toMatchObject({ auto_complete_desc: 'Repeats you', token: '', url: '' });
    expect(listed.map((c) => c.trigger)).toEqual(expect.arrayContaining(['away', 'join', 'msg']));
    expect(listed.map((c) => c.trigger)).not.toContain('parhidden');

    const suggest = (input: string, user = bob) => user.client.getCommandAutocompleteSuggestionsList(input, team.id, { channel_id: channel.id } as never);
    expect(await suggest('/par')).toEqual([{ Complete: 'parrot', Suggestion: 'parrot', Hint: '[words]', Description: 'Repeats you', IconData: '' }]);
    expect((await suggest('/s')).map((s) => s.Suggestion)).toEqual(['search', 'settings', 'shrug', 'status']);
    expect((await suggest('/status a')).map((s) => s.Complete)).toEqual(['status away']);
    expect(await suggest(`/${command.trigger} `)).toEqual([{ Complete: 'parrot ', Suggestion: '', Hint: '[words]', Description: 'Repeats you', IconData: '' }]);
    expect(await suggest('/nothing-like-this')).toEqual([]);
    expect((await raw(server, 'GET', `/teams/${team.id}/commands/autocomplete_suggestions?user_input=/par`, { token: outsider.token })).status).toBe(403);
    expect((await raw(server, 'GET', `/teams/${team.id}/commands/autocomplete`, { token: outsider.token })).status).toBe(403);
    expect((await raw(server, 'GET', `/teams/${team.id}/commands/autocomplete_suggestions`, { token: bob.token })).status).toBe(400);
  });
});
