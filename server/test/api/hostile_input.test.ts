import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser, raw, startTestServer, unique, type TestServer, type TestUser } from '../harness.js';

// A table of malformed and edge-case requests. Each must get its 4xx and a
// stable Mattermost error id — never a 500, never a crash.

let server: TestServer;
let alice: TestUser;
let teamId: string;
let channelId: string;
const missingId = 'aaaaaaaaaaaaaaaaaaaaaaaaaa';

beforeAll(async () => {
  server = await startTestServer();
  alice = await createUser(server, 'hostile');
  const team = await alice.client.createTeam({ name: unique('ht').toLowerCase(), display_name: 'Hostile', type: 'O' } as never);
  teamId = team.id;
  const channel = await alice.client.createChannel({ team_id: teamId, name: unique('hc').toLowerCase(), display_name: 'Hostile', type: 'O' } as never);
  channelId = channel.id;
});
afterAll(async () => {
  await server?.close();
});

interface Case {
  name: string;
  method: string;
  path: () => string;
  body?: string | object | (() => string | object);
  auth?: boolean;
  headers?: Record<string, string> | (() => Record<string, string>);
  status: number;
  id: string | RegExp;
}

const INVALID_BODY = 'api.context.invalid_body_param.app_error';
const INVALID_PARAM = 'api.context.invalid_param.app_error';
const INVALID_URL = 'api.context.invalid_url_param.app_error';
const EXPIRED = 'api.context.session_expired.app_error';
const NOT_FOUND = /^(app|api)\..*(get|404)/;

const cases: Case[] = [
  // Malformed bodies
  { name: 'truncated JSON', method: 'POST', path: () => '/users', body: '{"username": "x', status: 400, id: INVALID_BODY },
  { name: 'JSON array where object expected', method: 'POST', path: () => '/users', body: '[1,2,3]', status: 400, id: INVALID_BODY },
  { name: 'JSON string body', method: 'POST', path: () => '/users/login', body: '"hello"', status: 400, id: INVALID_BODY },
  { name: 'empty JSON body on signup', method: 'POST', path: () => '/users', body: '', status: 400, id: INVALID_BODY },
  { name: 'null body on login', method: 'POST', path: () => '/users/login', body: 'null', status: 400, id: INVALID_BODY },
  { name: 'number where string expected', method: 'POST', path: () => '/users', body: { username: 12345, email: 'a@b.co', password: 'longenough1' }, status: 400, id: INVALID_BODY },
  { name: 'boolean password', method: 'POST', path: () => '/users/login', body: { login_id: 'x', password: true }, status: 400, id: INVALID_BODY },
  { name: 'missing password', method: 'POST', path: () => '/users/login', body: { login_id: 'x' }, status: 400, id: INVALID_BODY },
  { name: 'missing login id', method: 'POST', path: () => '/users/login', body: { password: 'whatever1' }, status: 400, id: INVALID_BODY },
  { name: 'oversized username', method: 'POST', path: () => '/users', body: { username: 'u'.repeat(300), email: 'a@b.co', password: 'longenough1' }, status: 400, id: INVALID_BODY },
  { name: 'deeply nested JSON', method: 'POST', path: () => '/users', body: '['.repeat(5000) + ']'.repeat(5000), status: 400, id: INVALID_BODY },
  { name: 'body over the size limit', method: 'POST', path: () => '/users', body: JSON.stringify({ username: 'a', email: 'b', password: 'x'.repeat(2 * 1024 * 1024) }), status: 413, id: 'api.context.request_body_too_large.app_error' },
  { name: 'unsupported content type', method: 'POST', path: () => '/users', body: 'abc', headers: { 'Content-Type': 'application/xml' }, status: 415, id: 'api.context.invalid_content_type.app_error' },
  // Sign-up validation
  { name: 'username with spaces', method: 'POST', path: () => '/users', body: { username: 'bad name', email: 'bad@example.com', password: 'longenough1' }, status: 400, id: 'model.user.is_valid.username.app_error' },
  { name: 'username starting with digit', method: 'POST', path: () => '/users', body: { username: '1abc', email: 'x1@example.com', password: 'longenough1' }, status: 400, id: 'model.user.is_valid.username.app_error' },
  { name: 'reserved username', method: 'POST', path: () => '/users', body: { username: 'channel', email: 'x2@example.com', password: 'longenough1' }, status: 400, id: 'model.user.is_valid.username.app_error' },
  { name: 'invalid email', method: 'POST', path: () => '/users', body: { username: unique('ok').toLowerCase(), email: 'not-an-email', password: 'longenough1' }, status: 400, id: 'model.user.is_valid.email.app_error' },
  { name: 'short password', method: 'POST', path: () => '/users', body: { username: unique('ok').toLowerCase(), email: `${unique('e')}@example.com`, password: 'short' }, status: 400, id: 'model.user.is_valid.pwd_min_length.app_error' },
  { name: 'script tag username', method: 'POST', path: () => '/users', body: { username: '<script>', email: 'x3@example.com', password: 'longenough1' }, status: 400, id: 'model.user.is_valid.username.app_error' },
  // Authentication
  { name: 'no token', method: 'GET', path: () => '/users/me', auth: false, status: 401, id: EXPIRED },
  { name: 'garbage bearer token', method: 'GET', path: () => '/users/me', auth: false, headers: { Authorization: 'Bearer nonsense' }, status: 401, id: EXPIRED },
  { name: 'empty bearer', method: 'GET', path: () => '/users/me', auth: false, headers: { Authorization: 'Bearer ' }, status: 401, id: EXPIRED },
  { name: 'unknown scheme', method: 'GET', path: () => '/users/me', auth: false, headers: { Authorization: 'Basic YWJjOmRlZg==' }, status: 401, id: EXPIRED },
  { name: 'well-formed but unknown token', method: 'GET', path: () => '/users/me', auth: false, headers: { Authorization: `Bearer ${missingId}` }, status: 401, id: EXPIRED },
  { name: 'cookie write without CSRF', method: 'PUT', path: () => '/users/me/patch', auth: false, headers: () => ({ Cookie: `MMAUTHTOKEN=${alice.token}` }), body: { nickname: 'x' }, status: 401, id: EXPIRED },
  { name: 'wrong password', method: 'POST', path: () => '/users/login', auth: false, body: () => ({ login_id: alice.user.username, password: 'definitely-wrong' }), status: 401, id: 'api.user.login.invalid_credentials_email_username' },
  { name: 'unknown user login', method: 'POST', path: () => '/users/login', auth: false, body: { login_id: 'nobody-here', password: 'definitely-wrong' }, status: 401, id: 'api.user.login.invalid_credentials_email_username' },
  // Bad ids in URLs
  { name: 'short user id', method: 'GET', path: () => '/users/abc', status: 400, id: INVALID_URL },
  { name: 'user id with symbols', method: 'GET', path: () => '/users/aaaaaaaaaaaaaaaaaaaaaaaa!!', status: 400, id: INVALID_URL },
  { name: 'unknown user id', method: 'GET', path: () => `/users/${missingId}`, status: 404, id: NOT_FOUND },
  { name: 'unknown username', method: 'GET', path: () => '/users/username/nobody-at-all', status: 404, id: NOT_FOUND },
  { name: 'bad team id', method: 'GET', path: () => '/teams/zzz', status: 400, id: INVALID_URL },
  { name: 'unknown team id', method: 'GET', path: () => `/teams/${missingId}`, status: 404, id: NOT_FOUND },
  { name: 'bad channel id', method: 'GET', path: () => '/channels/%00%00', status: 400, id: INVALID_URL },
  { name: 'unknown channel id', method: 'GET', path: () => `/channels/${missingId}`, status: 404, id: NOT_FOUND },
  { name: 'unknown route', method: 'GET', path: () => '/definitely/not/a/route', status: 404, id: 'api.context.404.app_error' },
  // Bad paging and query values
  { name: 'negative page', method: 'GET', path: () => '/users?page=-1', status: 400, id: INVALID_PARAM },
  { name: 'non-numeric per_page', method: 'GET', path: () => '/users?per_page=lots', status: 400, id: INVALID_PARAM },
  { name: 'float page', method: 'GET', path: () => '/users?page=1.5', status: 400, id: INVALID_PARAM },
  { name: 'huge page number', method: 'GET', path: () => '/users?page=99999999999999999999', status: 400, id: INVALID_PARAM },
  { name: 'bad in_team id', method: 'GET', path: () => '/users?in_team=xyz', status: 400, id: INVALID_PARAM },
  { name: 'bad boolean', method: 'GET', path: () => `/teams/${teamId}/channels?include_deleted=maybe`, status: 400, id: INVALID_PARAM },
  { name: 'autocomplete limit zero', method: 'GET', path: () => '/users/autocomplete?name=a&limit=0', status: 400, id: INVALID_PARAM },
  // Teams
  { name: 'team with bad name', method: 'POST', path: () => '/teams', body: { name: 'Bad Name!', display_name: 'x', type: 'O' }, status: 400, id: 'model.team.is_valid.url.app_error' },
  { name: 'team with reserved name', method: 'POST', path: () => '/teams', body: { name: 'api', display_name: 'x', type: 'O' }, status: 400, id: 'model.team.is_valid.url.app_error' },
  { name: 'team with bad type', method: 'POST', path: () => '/teams', body: { name: unique('tt').toLowerCase(), display_name: 'x', type: 'Z' }, status: 400, id: 'model.team.is_valid.type.app_error' },
  { name: 'team with empty display name', method: 'POST', path: () => '/teams', body: { name: unique('tt').toLowerCase(), display_name: '   ', type: 'O' }, status: 400, id: 'model.team.is_valid.name.app_error' },
  { name: 'join by bogus invite', method: 'POST', path: () => '/teams/members/invite?invite_id=nope', status: 400, id: 'api.team.add_user_to_team_from_invite.invalid.app_error' },
  { name: 'add member with bad user id', method: 'POST', path: () => `/teams/${teamId}/members`, body: () => ({ team_id: teamId, user_id: 'bad' }), status: 400, id: INVALID_BODY },
  // Email verification and invitations
  { name: 'verification for a number', method: 'POST', path: () => '/users/email/verify/send', auth: false, body: { email: 42 }, status: 400, id: INVALID_BODY },
  { name: 'verification for a non-address', method: 'POST', path: () => '/users/email/verify/send', auth: false, body: { email: 'nope' }, status: 400, id: INVALID_BODY },
  { name: 'verify with an array token', method: 'POST', path: () => '/users/email/verify', auth: false, body: { token: ['x'] }, status: 400, id: INVALID_BODY },
  { name: 'verify with a bogus token', method: 'POST', path: () => '/users/email/verify', auth: false, body: { token: 'A'.repeat(64) }, status: 400, id: 'api.user.verify_email.bad_link.app_error' },
  { name: 'invite by email with an object of numbers', method: 'POST', path: () => `/teams/${teamId}/invite/email`, body: { emails: [1, 2] }, status: 400, id: INVALID_BODY },
  { name: 'invite by email with a string body', method: 'POST', path: () => `/teams/${teamId}/invite/email`, body: '"a@b.co"', status: 400, id: INVALID_BODY },
  { name: 'invite a non-address', method: 'POST', path: () => `/teams/${teamId}/invite/email`, body: ['<script>'], status: 400, id: 'api.team.invite_members.invalid_email.app_error' },
  { name: 'sign up with a bogus invitation', method: 'POST', path: () => '/users?t=bogus', auth: false, body: { username: unique('inv').toLowerCase(), email: `${unique('inv')}@example.com`, password: 'longenough1' }, status: 400, id: 'api.user.create_user.signup_link_invalid.app_error' },
  // Channels
  { name: 'channel with bad name', method: 'POST', path: () => '/channels', body: () => ({ team_id: teamId, name: '-bad-', display_name: 'x', type: 'O' }), status: 400, id: 'model.channel.is_valid.name.app_error' },
  { name: 'channel with bad type', method: 'POST', path: () => '/channels', body: () => ({ team_id: teamId, name: unique('c').toLowerCase(), display_name: 'x', type: 'D' }), status: 400, id: 'model.channel.is_valid.type.app_error' },
  { name: 'channel with bad team id', method: 'POST', path: () => '/channels', body: { team_id: 'nope', name: 'abc', display_name: 'x', type: 'O' }, status: 400, id: INVALID_BODY },
  { name: 'channel header too long', method: 'PUT', path: () => `/channels/${channelId}/patch`, body: { header: 'h'.repeat(1025) }, status: 400, id: 'model.channel.is_valid.header.app_error' },
  { name: 'direct channel with one user', method: 'POST', path: () => '/channels/direct', body: () => [alice.user.id], status: 400, id: 'api.channel.create_direct_channel.invalid_user.app_error' },
  { name: 'direct channel with bad id', method: 'POST', path: () => '/channels/direct', body: ['x', 'y'], status: 400, id: INVALID_BODY },
  { name: 'group channel too small', method: 'POST', path: () => '/channels/group', body: () => [alice.user.id], status: 400, id: 'api.channel.create_group.bad_size.app_error' },
  { name: 'view with bad channel id', method: 'POST', path: () => '/channels/members/me/view', body: { channel_id: 'nope' }, status: 400, id: INVALID_BODY },
  { name: 'unknown notify prop', method: 'PUT', path: () => `/channels/${channelId}/members/me/notify_props`, body: { evil: 'x' }, status: 400, id: 'model.channel.is_valid.notify_props.app_error' },
  // Statuses and roles
  { name: 'invalid status value', method: 'PUT', path: () => '/users/me/status', body: () => ({ user_id: alice.user.id, status: 'partying' }), status: 400, id: 'api.status.invalid_status.app_error' },
  { name: 'roles names not an array', method: 'POST', path: () => '/roles/names', body: { system_user: true }, status: 400, id: INVALID_BODY },
  { name: 'user ids not an array', method: 'POST', path: () => '/users/ids', body: 'abc', status: 400, id: INVALID_BODY },
  // Post details
  { name: 'edit history of a malformed post id', method: 'GET', path: () => '/posts/not-an-id/edit_history', status: 400, id: INVALID_URL },
  { name: 'post info of an unknown post', method: 'GET', path: () => `/posts/${missingId}/info`, status: 404, id: NOT_FOUND },
  { name: 'files of an unknown post', method: 'GET', path: () => `/posts/${missingId}/files/info`, status: 404, id: NOT_FOUND },
  { name: 'ephemeral post without its post', method: 'POST', path: () => '/posts/ephemeral', body: () => ({ user_id: alice.user.id }), status: 400, id: INVALID_BODY },
  // Prototype property names as lookup keys
  // Role names are lowercase, digits and '_' (as upstream checks them): the camel-case ones are malformed, the others unknown.
  ...['__proto__', 'constructor'].map((name): Case => (
    { name: `role named ${name}`, method: 'GET', path: () => `/roles/name/${name}`, status: 404, id: NOT_FOUND })),
  ...['toString', 'hasOwnProperty', 'valueOf'].map((name): Case => (
    { name: `role named ${name}`, method: 'GET', path: () => `/roles/name/${name}`, status: 400, id: INVALID_URL })),
  { name: '__proto__ key in a text/plain body', method: 'PUT', path: () => '/users/me/patch', body: '{"__proto__":{"roles":"system_admin"}}', headers: { 'Content-Type': 'text/plain' }, status: 400, id: INVALID_BODY },
  { name: '__proto__ notify prop', method: 'PUT', path: () => `/channels/${channelId}/members/me/notify_props`, body: '{"__proto__":"all"}', status: 400, id: INVALID_BODY },
  { name: 'constructor notify prop', method: 'PUT', path: () => `/channels/${channelId}/members/me/notify_props`, body: { constructor: 'all' }, status: 400, id: 'model.channel.is_valid.notify_props.app_error' },
  // Nesting: bounded at parse time, whatever the content type
  { name: 'deeply nested post props', method: 'POST', path: () => '/posts', body: () => `{"channel_id":"${channelId}","message":"x","props":${'{"a":'.repeat(20_000)}1${'}'.repeat(20_000)}}`, status: 400, id: INVALID_BODY },
  { name: 'post props one level too deep', method: 'POST', path: () => '/posts', body: () => `{"channel_id":"${channelId}","message":"x","props":${'{"a":'.repeat(64)}1${'}'.repeat(64)}}`, status: 400, id: INVALID_BODY },
  { name: 'deep nesting as text/plain', method: 'POST', path: () => '/users/ids', body: '['.repeat(100_000) + ']'.repeat(100_000), headers: { 'Content-Type': 'text/plain' }, status: 400, id: INVALID_BODY },
  // NUL bytes: refused at the edge, so both databases answer alike
  { name: 'NUL in login id', method: 'POST', path: () => '/users/login', auth: false, body: { login_id: 'alice\u0000', password: 'whatever1' }, status: 400, id: INVALID_BODY },
  { name: 'NUL in a username path', method: 'GET', path: () => '/users/username/ali%00ce', status: 400, id: INVALID_URL },
  { name: 'NUL in an email path', method: 'GET', path: () => '/users/email/%00', status: 400, id: INVALID_URL },
  { name: 'NUL in a team name path', method: 'GET', path: () => '/teams/name/%00', status: 400, id: INVALID_URL },
  { name: 'NUL in a message', method: 'POST', path: () => '/posts', body: () => ({ channel_id: channelId, message: 'hi\u0000there' }), status: 400, id: INVALID_BODY },
  { name: 'NUL in a nickname', method: 'PUT', path: () => '/users/me/patch', body: { nickname: '\u0000' }, status: 400, id: INVALID_BODY },
  { name: 'NUL in a preference', method: 'PUT', path: () => '/users/me/preferences', body: () => [{ user_id: alice.user.id, category: 'display_settings', name: 'x\u0000', value: 'v' }], status: 400, id: INVALID_BODY },
  { name: 'NUL in a search term', method: 'POST', path: () => '/users/search', body: { term: 'a\u0000' }, status: 400, id: INVALID_BODY },
  { name: 'NUL in a team search term', method: 'POST', path: () => '/teams/search', body: { term: '\u0000' }, status: 400, id: INVALID_BODY },
  { name: 'NUL in a query value', method: 'GET', path: () => '/users/autocomplete?name=a%00', status: 400, id: INVALID_URL },
  { name: 'NUL in a query name', method: 'GET', path: () => '/users?a%00=1', status: 400, id: INVALID_URL },
  { name: 'NUL in the session cookie', method: 'GET', path: () => '/users/me', auth: false, headers: { Cookie: 'MMAUTHTOKEN=%00' }, status: 401, id: EXPIRED },
  { name: 'NUL in access_token', method: 'GET', path: () => '/users/me?access_token=%00', auth: false, status: 400, id: INVALID_URL },
  // Numbers beyond what a 64-bit column holds (PostgreSQL refuses them with an error of its own)
  { name: 'dnd end time past 2^63', method: 'PUT', path: () => '/users/me/status', body: () => ({ user_id: alice.user.id, status: 'dnd', dnd_end_time: 1e308 }), status: 400, id: INVALID_BODY },
  { name: 'dnd end time past 2^53', method: 'PUT', path: () => '/users/me/status', body: () => ({ user_id: alice.user.id, status: 'dnd', dnd_end_time: 2 ** 63 }), status: 400, id: INVALID_BODY },
  { name: 'thread read time past 2^63', method: 'PUT', path: () => `/users/me/teams/${teamId}/threads/${missingId}/read/99999999999999999999`, status: 400, id: INVALID_URL },
  { name: 'since past 2^63', method: 'GET', path: () => `/channels/${channelId}/posts?since=99999999999999999999`, status: 400, id: INVALID_PARAM },
  // URLs the router cannot decode
  { name: 'undecodable path', method: 'GET', path: () => '/users/%%%', status: 400, id: INVALID_URL },
  { name: 'overlong UTF-8 in a path', method: 'GET', path: () => '/users/username/%C0%80', status: 400, id: INVALID_URL },
  { name: 'ephemeral post message of the wrong type', method: 'POST', path: () => '/posts/ephemeral', body: () => ({ user_id: alice.user.id, post: { channel_id: channelId, message: 42 } }), status: 400, id: INVALID_BODY },
];

describe('hostile input', () => {
  it('has at least 50 cases', () => {
    expect(cases.length).toBeGreaterThanOrEqual(50);
  });

  for (const c of cases) {
    it(`${c.method} ${c.name} -> ${c.status}`, async () => {
      const body = typeof c.body === 'function' ? c.body() : c.body;
      const response = await raw(server, c.method, c.path(), {
        token: c.auth === false ? undefined : alice.token, body, headers: typeof c.headers === 'function' ? c.headers() : c.headers,
      });
      expect(response.status, JSON.stringify(response.body)).toBe(c.status);
      expect(response.headers.get('content-type')).toBe('application/json');
      expect(response.body.status_code).toBe(c.status);
      if (typeof c.id === 'string') expect(response.body.id).toBe(c.id);
      else expect(response.body.id).toMatch(c.id);
      expect(typeof response.body.message).toBe('string');
      expect(response.body.request_id).toMatch(/^[a-z0-9]{26}$/);
    });
  }

  it('finds no role by a JavaScript property name, and lists none', async () => {
    const response = await raw(server, 'POST', '/roles/names', { token: alice.token, body: ['__proto__', 'constructor', 'system_user'] });
    expect(response.status).toBe(200);
    expect(response.body.map((r: { name: string }) => r.name)).toEqual(['system_user']);
    // Names that cannot be role names (upper case) make the request malformed, as upstream answers it.
    const malformed = await raw(server, 'POST', '/roles/names', { token: alice.token, body: ['toString', 'hasOwnProperty', 'valueOf'] });
    expect(malformed.status).toBe(400);
  });

  it('stores a lone surrogate as U+FFFD on both databases', async () => {
    const response = await raw(server, 'PUT', '/users/me/patch', { token: alice.token, body: '{"nickname":"a\\ud800b"}' });
    expect(response.status).toBe(200);
    expect(response.body.nickname).toBe('a\ufffdb');
    const again = await raw(server, 'GET', '/users/me', { token: alice.token });
    expect(again.body.nickname).toBe('a\ufffdb');
  });

  it('still serves normally after all of the above', async () => {
    const response = await raw(server, 'GET', '/users/me', { token: alice.token });
    expect(response.status).toBe(200);
    expect(response.body.id).toBe(alice.user.id);
  });
});
