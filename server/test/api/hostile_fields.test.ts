import http from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HttpRoute } from '../../src/api/server.js';
import { createUser, startTestServer, type TestServer, type TestUser } from '../harness.js';
import { newChannel, newTeam } from '../team_fixtures.js';
import { mulberry32, validFor, type Pools } from './hostile_generators.js';

// The systematic half of the hostile-input suites. For every route with a body: a body the route accepts, then each
// of its fields in turn set to each extreme (numbers past what a 64-bit column holds, NUL, lone surrogates, huge and
// empty strings, wrong types, prototype names); the caller owns everything the path names, so the request passes
// the permission checks and each value reaches the code and the database behind the route. For every route: each
// path parameter, and each query parameter clients send, at its extremes. No answer may be a 5xx.

/** Values that have broken a route once a body was otherwise valid: each field gets every one of them. */
const EXTREMES: readonly unknown[] = [
  1e308, -1e308, 2 ** 63, -(2 ** 63), 2 ** 53 + 2, 1.5, -1, 0, 'a\u0000b', '\ud800', 'x'.repeat(70_000), '', 'é'.repeat(300),
  null, [], {}, true, '__proto__', 'constructor',
];
/** Routes that end sessions, change roles or access, or convert a channel: aimed at a victim user and channel. */
const AT_VICTIM = /\/(active|revoke|roles|schemeRoles|privacy|convert|password|auth|mfa)(\/|$)/;
/** Routes about the caller's own account, run by a second user so the first keeps its name and settings. */
const SELF = /^\/api\/v4\/users\/:user_id(\/patch|\/status|\/preferences(\/delete)?)?$/;

let server: TestServer;
let owner: TestUser;
let self: TestUser;
let victim: TestUser;
const ids: Record<string, string> = {};
const victimIds: Record<string, string> = {};

beforeAll(async () => {
  // Personal access tokens and MFA answer 501 while off (their default), so they are turned on to be exercised.
  server = await startTestServer({}, { MM_SERVICESETTINGS_ENABLEUSERACCESSTOKENS: 'true', MM_SERVICESETTINGS_ENABLEMULTIFACTORAUTHENTICATION: 'true' });
  owner = await createUser(server, 'fieldowner');
  self = await createUser(server, 'fieldself');
  victim = await createUser(server, 'fieldvictim');
  const team = await newTeam(owner.client);
  await owner.client.addToTeam(team.id, self.user.id);
  await owner.client.addToTeam(team.id, victim.user.id);
  const victimChannel = await newChannel(owner.client, team.id);
  await owner.client.addToChannel(victim.user.id, victimChannel.id);
  const channel = await newChannel(owner.client, team.id);
  await self.client.addToChannel(self.user.id, channel.id);
  const root = await owner.client.createPost({ channel_id: channel.id, message: 'root' } as never);
  await owner.client.createPost({ channel_id: channel.id, message: 'reply', root_id: root.id } as never);
  Object.assign(ids, { team_id: team.id, channel_id: channel.id, post_id: root.id, thread_id: root.id, root_id: root.id });
  Object.assign(victimIds, { ...ids, channel_id: victimChannel.id, user_id: victim.user.id });
});
afterAll(async () => {
  await server?.close();
});

function send(method: string, path: string, token: string, body: string): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const url = new URL(server.url);
    const headers = { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json', 'Content-Length': String(Buffer.byteLength(body)) };
    const request = http.request({ host: url.hostname, port: url.port, method, path, headers }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }));
    });
    request.on('error', reject);
    request.end(body);
  });
}

type FieldPath = (string | number)[];

/** Where each leaf value of a JSON value sits (an empty array or object is a leaf too). */
function leafPaths(value: unknown, at: FieldPath = []): FieldPath[] {
  if (Array.isArray(value) && value.length > 0) return value.flatMap((item, i) => leafPaths(item, [...at, i]));
  if (typeof value === 'object' && value !== null && Object.keys(value).length > 0) {
    return Object.entries(value).flatMap(([key, item]) => leafPaths(item, [...at, key]));
  }
  return [at];
}

/** A copy of `root` with the value at `path` replaced. */
function withValue(root: unknown, path: FieldPath, value: unknown): unknown {
  if (path.length === 0) return value;
  const copy = structuredClone(root) as Record<string | number, unknown>;
  let container = copy;
  for (const key of path.slice(0, -1)) container = container[key] as Record<string | number, unknown>;
  container[path[path.length - 1]] = value;
  return copy;
}

describe('every field of every body at its extremes', () => {
  it('never answers 5xx', async () => {
    const rng = mulberry32(8);
    // Logging out has no body; deleting is left to the generated suite.
    const targets = server.routes.filter((route: HttpRoute) => route.bodySchema && route.method !== 'DELETE');
    const failures: string[] = [];
    let sent = 0;
    for (const route of targets) {
      const caller = SELF.test(route.url) ? self : owner;
      const named = AT_VICTIM.test(route.url) ? victimIds : { ...ids, user_id: caller.user.id };
      const pools: Pools = {
        ids: Object.values(named), strings: ['fieldvalue'],
        byField: new Map([
          ...Object.entries(named).map(([name, id]): [string, string[]] => [name, [id]]),
          ['status', ['dnd']], ['type', ['O']], ['message', ['hello']], ['emoji_name', ['smile']], ['category', ['display_settings']],
          ['name', ['fieldname']], ['display_name', ['Field']],
        ]),
      };
      const path = route.url.replace(/:([a-z_]+)/g, (_match, name: string) => named[name] ?? 'smile');
      // Three accepted bodies per route, since optional fields are present in some and not others.
      for (let variant = 0; variant < 3; variant++) {
        const valid = validFor(route.bodySchema as never, rng, pools);
        for (const field of leafPaths(valid)) {
          for (const value of EXTREMES) {
            const response = await send(route.method, path, caller.token, JSON.stringify(withValue(valid, field, value)));
            sent++;
            if (response.status >= 500) failures.push(`${response.status} ${route.method} ${route.url} ${field.join('.')}=${JSON.stringify(value).slice(0, 24)}: ${response.text.slice(0, 160)}`);
          }
        }
      }
    }
    console.log(`hostile_fields: ${sent} requests over ${targets.length} routes`);
    expect(sent).toBeGreaterThan(5_000);
    expect(failures).toEqual([]);
    expect((await send('GET', '/api/v4/users/me', owner.token, '')).status).toBe(200);
  }, 120_000);

  it('never answers 5xx to a path or query parameter at its extremes', async () => {
    const caller = await createUser(server, 'fieldpaths');
    const pathValues = ['%00', 'a%00b', '%ED%A0%80', '%C0%80', '%%%', '99999999999999999999', '-1', '0', '1.5', 'a'.repeat(300), '__proto__', 'constructor', '..', '%2F', '%20', 'aaaaaaaaaaaaaaaaaaaaaaaaaa'];
    const queryNames = ['page', 'per_page', 'since', 'before', 'after', 'limit', 'limit_before', 'limit_after', 'in_team', 'in_channel', 'not_in_channel', 'team_id', 'name', 'term', 'include_deleted', 'extended', 'last_delete_at', 'active', 'role', 'unread'];
    const queryValues = ['%00', '%ED%A0%80', '99999999999999999999', '-99999999999999999999', '1e400', 'NaN', '', 'a'.repeat(1000), '__proto__'];
    const failures: string[] = [];
    let sent = 0;
    const check = async (method: string, path: string): Promise<void> => {
      const response = await send(method, path, caller.token, '');
      sent++;
      if (response.status >= 500) failures.push(`${response.status} ${method} ${path.slice(0, 120)}: ${response.text.slice(0, 160)}`);
    };
    for (const route of server.routes) {
      const params = [...route.url.matchAll(/:([a-z_]+)/g)].map((match) => match[1]);
      for (const param of params) {
        for (const value of pathValues) {
          await check(route.method, route.url.replace(/:([a-z_]+)/g, (_match, name: string) => (name === param ? value : ids[name] ?? caller.user.id)));
        }
      }
      if (route.method !== 'GET') continue;
      const path = route.url.replace(/:([a-z_]+)/g, (_match, name: string) => ids[name] ?? caller.user.id);
      for (const name of queryNames) for (const value of queryValues) await check('GET', `${path}?${name}=${value}`);
    }
    console.log(`hostile_fields: ${sent} path and query requests over ${server.routes.length} routes`);
    expect(sent).toBeGreaterThan(5_000);
    expect(failures).toEqual([]);
    expect((await send('GET', '/api/v4/users/me', owner.token, '')).status).toBe(200);
  }, 120_000);
});
