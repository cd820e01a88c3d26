import http from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HttpRoute } from '../../src/api/server.js';
import { createUser, raw, startTestServer, unique, type TestServer, type TestUser } from '../harness.js';
import { newChannel, newTeam } from '../team_fixtures.js';
import { chance, HOSTILE_STRINGS, hostileJsonText, hostileValue, mulberry32, mutate, pick, toJson, validFor, type Pools, type Rng } from './hostile_generators.js';

// Every route of the server, thousands of times, with generated malformed
// requests from three kinds of caller (an admin, a team member, a user with
// no team) and from nobody. No request may get a 5xx, every error must be a
// Mattermost error in application/json, and the server must keep serving.
// PARLEY_FUZZ_SEED replays a run; the seed is printed either way.

const SEED = Number(process.env.PARLEY_FUZZ_SEED ?? 20_260_101);
const REQUESTS = 10_500;
const IN_FLIGHT = 12;

let server: TestServer;
let admin: TestUser;
let member: TestUser;
let teamless: TestUser;
/** Users and objects that only ever appear as the target of destructive routes, so the callers keep their sessions and teams. */
let victims: TestUser[];
const objects = { teams: [] as string[], victimTeams: [] as string[], channels: [] as string[], victimChannels: [] as string[], posts: [] as string[] };
const csrf = new Map<string, string>();
const missingId = 'aaaaaaaaaaaaaaaaaaaaaaaaaa';

beforeAll(async () => {
  // Features that answer 501 when not set up are set up, so their routes are exercised (mail goes nowhere: port 1).
  server = await startTestServer({ siteUrl: 'http://chat.parley.test' }, {
    MM_EMAILSETTINGS_SMTPSERVER: '127.0.0.1', MM_EMAILSETTINGS_SMTPPORT: '1',
    MM_SERVICESETTINGS_ENABLEUSERACCESSTOKENS: 'true', MM_SERVICESETTINGS_ENABLEBOTACCOUNTCREATION: 'true',
    MM_SERVICESETTINGS_ENABLEMULTIFACTORAUTHENTICATION: 'true',
  });
  admin = await createUser(server, 'fzadmin');
  member = await createUser(server, 'fzmember');
  teamless = await createUser(server, 'fzlonely');
  victims = [await createUser(server, 'fzvictim'), await createUser(server, 'fzvictim')];
  const team = await newTeam(member.client);
  const privateTeam = await newTeam(admin.client, 'I');
  const victimTeam = await newTeam(admin.client);
  for (const user of [admin, ...victims]) await member.client.addToTeam(team.id, user.user.id);
  for (const user of victims) await admin.client.addToTeam(victimTeam.id, user.user.id);
  const open = await newChannel(member.client, team.id);
  const secret = await newChannel(admin.client, privateTeam.id, 'P');
  const victimChannel = await newChannel(admin.client, victimTeam.id);
  const dm = await member.client.createDirectChannel([member.user.id, victims[0].user.id]);
  const root = await member.client.createPost({ channel_id: open.id, message: 'root @fzadmin #tag' } as never);
  const reply = await member.client.createPost({ channel_id: open.id, message: 'reply', root_id: root.id } as never);
  const hidden = await admin.client.createPost({ channel_id: secret.id, message: 'hidden' } as never);
  await member.client.addReaction(member.user.id, root.id, 'smile');
  Object.assign(objects, {
    teams: [team.id, privateTeam.id], victimTeams: [victimTeam.id], channels: [open.id, secret.id, dm.id], victimChannels: [victimChannel.id],
    posts: [root.id, reply.id, hidden.id],
  });
  for (const user of [admin, member, teamless]) csrf.set(user.token, (await server.app.sessions.resolve(user.token)).csrf_token);
});
afterAll(async () => {
  await server?.close();
});

/** Routes that end sessions, demote, deactivate or delete: aimed only at victims, never at the callers. */
const DESTRUCTIVE = /\/(active|roles|password|revoke|privacy|convert|restore|leave|logout|patch|members\/:user_id|schemeRoles|auth|mfa)(\/|$)|^\/api\/v4\/users\/:user_id$/;

function encode(value: string): string {
  try {
    return encodeURIComponent(value);
  } catch {
    return '%ED%A0%80'; // A lone surrogate, as the UTF-8 bytes it would have.
  }
}

/** Path parameter values that are sent raw (already percent-encoded, or deliberately not). */
const PATH_ABUSE = [
  '..', '.', '%2e%2e', '%00', 'abc%00def', '%%%', '%', '%zz', '%ED%A0%80', '%C0%80', '%FF', 'a'.repeat(300), 'b'.repeat(27), '%2F..%2F', '%20',
  encode('ü日本'), 'me', '__proto__', 'constructor', 'toString', 'hasOwnProperty', missingId, 'ME', '-1', '0', '1e3', '%5B%5D',
];

function paramValue(rng: Rng, name: string, destructive: boolean): string {
  if (chance(rng, 0.2)) return pick(rng, destructive ? PATH_ABUSE.filter((value) => value !== 'me') : PATH_ABUSE);
  const users = destructive ? victims.map((v) => v.user.id) : [admin.user.id, member.user.id, teamless.user.id, victims[0].user.id, 'me'];
  switch (name) {
    case 'user_id': return pick(rng, [...users, missingId]);
    case 'team_id': return pick(rng, [...(destructive ? objects.victimTeams : objects.teams), missingId]);
    case 'channel_id': return pick(rng, [...(destructive ? objects.victimChannels : objects.channels), missingId]);
    case 'post_id':
    case 'thread_id': return pick(rng, [...objects.posts, missingId]);
    case 'username': return pick(rng, [member.user.username, victims[0].user.username, 'nobody', encode(pick(rng, HOSTILE_STRINGS).slice(0, 80))]);
    case 'email': return pick(rng, [member.user.email, 'nobody@example.com', encode(pick(rng, HOSTILE_STRINGS).slice(0, 80))]);
    case 'timestamp': return pick(rng, ['0', String(Date.now()), '-5', '99999999999999999999', 'soon']);
    default: return pick(rng, ['system_user', 'channel_admin', 'display_settings', 'favorite_channel', 'smile', 'thumbsup', 'town-square', encode(pick(rng, HOSTILE_STRINGS).slice(0, 80))]);
  }
}

const QUERY_NAMES = [
  'page', 'per_page', 'since', 'before', 'after', 'in_team', 'not_in_team', 'in_channel', 'not_in_channel', 'include_deleted', 'name', 'term',
  'limit', 'team_id', 'extended', 'iid', 'invite_id', 'active', 'inactive', 'role', 'unread', 'deleted', 'skipFetchThreads', 'collapsedThreads',
  'get_server_status', 'access_token', 'sort', 'exclude_default_channels', 'include_total_count', 'from', 'to', 'direction', '__proto__', 'constructor',
];
const QUERY_VALUES = [
  '0', '1', '-1', '60', '200', '201', '1.5', '99999999999999999999', '-99999999999999', 'true', 'false', 'maybe', '', missingId, '%00', '%ED%A0%80', '%%',
  'a'.repeat(300), encode('日本'), 'NaN', '1e9', '0x10',
];

function query(rng: Rng): string {
  if (chance(rng, 0.45)) return '';
  const parts: string[] = [];
  const count = 1 + Math.floor(rng() * 4);
  for (let i = 0; i < count; i++) {
    const name = pick(rng, QUERY_NAMES);
    const value = chance(rng, 0.3) ? pick(rng, [...objects.teams, ...objects.channels, ...objects.posts, member.user.id]) : pick(rng, QUERY_VALUES);
    parts.push(`${name}=${value}`);
    if (chance(rng, 0.15)) parts.push(`${name}=${pick(rng, QUERY_VALUES)}`);
  }
  return `?${parts.join('&')}`;
}

interface Generated {
  /** The route pattern it exercises (`GET /api/v4/users/:user_id`). */
  route: string;
  method: string;
  path: string;
  headers: Record<string, string>;
  body?: string;
}

function credentials(rng: Rng, logout: boolean): Record<string, string> {
  if (logout) return pick<Record<string, string>>(rng, [{}, { Authorization: 'Bearer nonsense' }]);
  const caller = pick(rng, [admin, admin, member, member, member, teamless, undefined]);
  if (!caller) {
    return pick<Record<string, string>>(rng, [
      {}, { Authorization: 'Bearer garbage' }, { Authorization: `Bearer ${'x'.repeat(4000)}` }, { Authorization: 'Token ' }, { Authorization: 'Basic Zm9vOmJhcg==' },
      { Cookie: 'MMAUTHTOKEN=%00' }, { Cookie: 'MMAUTHTOKEN=%%%; MMAUTHTOKEN=a' }, { Cookie: `MMAUTHTOKEN=${missingId}` }, { Authorization: `Bearer ${missingId}` },
    ]);
  }
  const roll = rng();
  if (roll < 0.7) return { Authorization: `Bearer ${caller.token}` };
  if (roll < 0.8) return { Cookie: `MMAUTHTOKEN=${caller.token}`, 'X-Requested-With': 'XMLHttpRequest' };
  if (roll < 0.9) return { Cookie: `MMAUTHTOKEN=${caller.token}`, 'X-CSRF-Token': csrf.get(caller.token) ?? '' };
  return { Cookie: `MMAUTHTOKEN=${caller.token}`, 'X-CSRF-Token': 'wrong' };
}

const CONTENT_TYPES = [
  'application/json', 'application/json', 'application/json', 'application/json', 'text/plain', 'application/x-www-form-urlencoded', 'application/xml',
  'multipart/form-data; boundary=x', 'application/json; charset=utf-16', 'application/json; charset=utf-8', '', 'text/plain;charset=UTF-8', '*/*',
];

/** The body with every top-level `user_id` (of the object, or of each object in the array) set to `userId`, if given. */
function withUserId(body: unknown, userId: string | undefined): unknown {
  if (userId === undefined) return body;
  for (const item of Array.isArray(body) ? body : [body]) {
    if (typeof item === 'object' && item !== null && Object.hasOwn(item, 'user_id')) (item as Record<string, unknown>).user_id = userId;
  }
  return body;
}

function generate(rng: Rng, routes: readonly HttpRoute[], pools: Pools): Generated {
  const route = pick(rng, routes);
  const destructive = route.method !== 'GET' && route.method !== 'HEAD' && DESTRUCTIVE.test(route.url);
  // Now and then a request that agrees with itself (the caller's own id in the path and the body), so it passes the
  // permission checks and the values generated for the rest reach the code and the database behind them.
  const self = !destructive && chance(rng, 0.4) ? pick(rng, [admin, member]) : undefined;
  const path = route.url.replace(/:([a-z_]+)/g, (_m, name: string) => (self && name === 'user_id' ? self.user.id : paramValue(rng, name, destructive)));
  const headers = self ? { Authorization: `Bearer ${self.token}` } : credentials(rng, route.url.endsWith('/logout'));
  let body: string | undefined;
  if (route.method !== 'GET' && route.method !== 'HEAD') {
    const roll = rng();
    const valid = (): unknown => withUserId(validFor(route.bodySchema as never, rng, pools), self?.user.id);
    if (route.bodySchema && roll < 0.2) body = JSON.stringify(valid());
    else if (route.bodySchema && roll < 0.7) body = toJson(mutate(valid(), rng), rng);
    else if (roll < 0.85) body = hostileJsonText(rng);
    else if (roll < 0.95) body = JSON.stringify(hostileValue(rng));
  }
  if (body !== undefined) {
    const type = pick(rng, CONTENT_TYPES);
    if (type) headers['Content-Type'] = type;
  }
  if (chance(rng, 0.05)) headers['User-Agent'] = pick(rng, ['', 'x'.repeat(8000), 'Mozilla/5.0 ü', '\t']);
  return { route: `${route.method} ${route.url}`, method: route.method, path: path + query(rng), headers, body };
}

const agent = new http.Agent({ keepAlive: true, maxSockets: IN_FLIGHT });

function send(request: Generated): Promise<{ status: number; type: string | undefined; text: string }> {
  return new Promise((resolve, reject) => {
    const url = new URL(server.url);
    // An explicit length: Node sends a DELETE's body without one, which the server would read as the next request.
    const headers = { ...request.headers, 'Content-Length': String(Buffer.byteLength(request.body ?? '')) };
    const req = http.request({ host: url.hostname, port: url.port, method: request.method, path: request.path, headers, agent, timeout: 20_000 }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, type: res.headers['content-type'], text: Buffer.concat(chunks).toString('utf8') }));
      res.on('error', reject);
    });
    req.on('timeout', () => req.destroy(new Error('timed out')));
    req.on('error', reject);
    req.end(request.body);
  });
}

/** Why a response breaks the contract, or undefined when it keeps it. */
function violation(request: Generated, response: { status: number; type: string | undefined; text: string }): string | undefined {
  if (response.status >= 500) return `status ${response.status}: ${response.text.slice(0, 300)}`;
  if (response.status < 400 || request.method === 'HEAD') return undefined;
  if (response.type !== 'application/json') return `error with content type ${response.type}`;
  let error: { id?: unknown; message?: unknown; status_code?: unknown };
  try {
    error = JSON.parse(response.text) as typeof error;
  } catch {
    return `error body is not JSON: ${response.text.slice(0, 200)}`;
  }
  if (typeof error.id !== 'string' || typeof error.message !== 'string' || error.status_code !== response.status) {
    return `error body not in the Mattermost shape: ${response.text.slice(0, 200)}`;
  }
  return undefined;
}

const describeRequest = (r: Generated): string => `${r.method} ${r.path.slice(0, 200)} ${JSON.stringify(r.headers).slice(0, 200)} body=${(r.body ?? '').slice(0, 200)}`;

describe('generated hostile requests on every route', () => {
  it(`answers ${REQUESTS} generated requests without a 5xx, errors in the Mattermost shape (seed ${SEED})`, { timeout: 240_000 }, async () => {
    console.info(`hostile_generated: seed ${SEED} (set PARLEY_FUZZ_SEED to replay)`);
    const routes = server.routes.filter((r) => r.url.startsWith('/api/v4/') && !r.url.includes('*'));
    expect(routes.length).toBeGreaterThan(100);
    const rng = mulberry32(SEED);
    const pools: Pools = {
      ids: [member.user.id, admin.user.id, teamless.user.id, ...victims.map((v) => v.user.id), ...objects.teams, ...objects.channels, ...objects.posts, missingId, 'bad'],
      byField: new Map([
        ['name', [unique('fzn').toLowerCase(), 'town-square', 'off-topic', 'display_settings']], ['display_name', ['Fuzzed', ' ']], ['type', ['O', 'P', 'I', 'D', 'G']],
        ['message', ['hello @fzmember @channel #tag', '', 'x'.repeat(17_000)]], ['emoji_name', ['smile', 'thumbsup', '+1']], ['status', ['online', 'away', 'dnd', 'offline']],
        ['roles', ['system_user', 'team_user team_admin', 'channel_user channel_admin', 'system_user system_admin', '']],
        ['login_id', [victims[1].user.username, victims[1].user.email]], ['password', ['correct-horse-battery', 'wrong-password']],
        ['username', [unique('fzu').toLowerCase(), member.user.username]], ['email', [`${unique('fze')}@example.com`, member.user.email]],
        ['category', ['display_settings', 'favorite_channel', 'flagged_post', 'direct_channel_show', 'group_channel_show']],
        ['user_id', [member.user.id, member.user.id, admin.user.id, teamless.user.id, victims[0].user.id]],
        ['channel_id', [...objects.channels, ...objects.channels, missingId]], ['team_id', [...objects.teams, objects.teams[0], missingId]],
        ['value', ['true', 'false', objects.posts[0], objects.channels[0]]], ['sorting', ['alpha', 'recent', 'manual', '']], ['term', ['fz', '', '%']],
      ]),
      strings: ['hello', 'town-square', 'system_user', 'O', 'P', 'D', 'online', 'away', 'smile', 'display_settings', member.user.username, unique('fz').toLowerCase(), 'x@example.com', 'correct-horse-battery'],
    };
    const requests = Array.from({ length: REQUESTS }, () => generate(rng, routes, pools));
    const failures: string[] = [];
    const covered = new Set<string>();
    const succeeded = new Set<string>();
    const statuses = new Map<number, number>();
    let next = 0;
    const worker = async (): Promise<void> => {
      while (next < requests.length) {
        const request = requests[next++];
        try {
          const response = await send(request);
          statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1);
          if (response.status < 300) succeeded.add(request.route);
          const problem = violation(request, response);
          if (problem) failures.push(`${problem}\n    ${describeRequest(request)}`);
        } catch (err) {
          failures.push(`${(err as Error).message}\n    ${describeRequest(request)}`);
        }
        covered.add(request.route);
      }
    };
    await Promise.all(Array.from({ length: IN_FLIGHT }, worker));
    agent.destroy();
    console.info(`hostile_generated: statuses ${JSON.stringify(Object.fromEntries(statuses))}; ${succeeded.size} of ${covered.size} routes answered 2xx at least once`);
    expect(failures.slice(0, 25), `${failures.length} failures (seed ${SEED})`).toEqual([]);
    expect(covered.size).toBe(routes.length);
    // Enough generated requests are valid enough to reach the code behind validation on most routes.
    expect(succeeded.size).toBeGreaterThan(routes.length / 2);
  });

  it('still answers ping and an authenticated /users/me afterwards', async () => {
    const ping = await raw(server, 'GET', '/system/ping');
    expect(ping.status).toBe(200);
    expect(ping.body.status).toBe('OK');
    for (const caller of [admin, member, teamless]) {
      const me = await raw(server, 'GET', '/users/me', { token: caller.token });
      expect(me.status).toBe(200);
      expect(me.body.id).toBe(caller.user.id);
    }
    const fresh = await createUser(server, 'fzafter');
    expect((await raw(server, 'GET', '/users/me', { token: fresh.token })).status).toBe(200);
  });
});
