import type { Audit } from '@mattermost/types/audits';
import type { Post } from '@mattermost/types/posts';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuditView } from '../../../src/app/admin/audit.js';
import { auditVerify, VERIFY_BROKEN, VERIFY_INTACT } from '../../../src/cli/audit_verify.js';
import type { SqlStore } from '../../../src/store/sql/store.js';
import { createUser, newClient, raw, startTestServer, type TestServer, type TestUser } from '../../harness.js';
import { newChannel, newTeam } from '../../team_fixtures.js';

// Behind a proxy that sets X-Forwarded-For (ServiceSettings.TrustedProxyIPHeader), so each test can show the
// address recorded is the client's.
let server: TestServer;
let admin: TestUser;

beforeAll(async () => {
  server = await startTestServer({ trustedProxyIpHeader: ['X-Forwarded-For'] });
  admin = await createUser(server, 'auditadmin');
});

afterAll(async () => {
  await server?.close();
});

let addressCounter = 0;
/** A distinct documentation address (TEST-NET-3) per call, so each test finds its own records by address. */
const newAddress = (): string => `203.0.113.${(addressCounter++ % 250) + 1}`;

const from = (address: string) => ({ 'X-Forwarded-For': address });

/** Every record from one client address, oldest first. */
async function recordsFrom(address: string): Promise<AuditView[]> {
  const response = await raw(server, 'GET', '/audits?per_page=200', { token: admin.token });
  expect(response.status).toBe(200);
  return (response.body as AuditView[]).filter((a) => a.ip_address === address).reverse();
}

async function only(address: string, action: string): Promise<AuditView> {
  const records = (await recordsFrom(address)).filter((a) => a.action === action);
  expect(records, `one ${action} record from ${address}`).toHaveLength(1);
  return records[0];
}

async function verify(): Promise<{ code: number; out: string }> {
  let out = '';
  const code = await auditVerify(server.config, { out: { write: (text: string) => (out += text) }, err: { write: () => true } }, { pageSize: 7 });
  return { code, out };
}

describe('audit records of security-relevant actions', () => {
  it('records a failed login with the login id tried (never the password) and the account it named, then a successful one', async () => {
    const user = await createUser(server, 'auditlogin');
    const address = newAddress();
    const wrong = await raw(server, 'POST', '/users/login', { headers: from(address), body: { login_id: user.user.username, password: 'not-it-at-all' } });
    expect(wrong.status).toBe(401);
    const unknown = await raw(server, 'POST', '/users/login', { headers: from(address), body: { login_id: 'nobody-by-this-name', password: 'guess-guess' } });
    expect(unknown.status).toBe(401);
    const right = await raw(server, 'POST', '/users/login', { headers: from(address), body: { login_id: user.user.username, password: user.password } });
    expect(right.status).toBe(200);
    const token = right.headers.get('token') ?? '';
    const session = (await raw(server, 'GET', `/users/${user.user.id}/sessions`, { token })).body as { id: string; token?: string }[];

    const [failed, failedUnknown, succeeded] = (await recordsFrom(address)).filter((a) => a.action === 'user.login');
    expect(failed).toMatchObject({ user_id: user.user.id, object: user.user.id, result: 'fail', session_id: '' });
    expect(failed.extra_info).toContain(`login_id=${user.user.username}`);
    expect(failed.extra_info).toContain('error=api.user.login.invalid_credentials_email_username');
    expect(failedUnknown).toMatchObject({ user_id: '', result: 'fail' });
    expect(failedUnknown.extra_info).toContain('login_id=nobody-by-this-name');
    expect(succeeded).toMatchObject({ user_id: user.user.id, result: 'success', extra_info: `success login_id=${user.user.username}` });
    expect(session.map((s) => s.id)).toContain(succeeded.session_id);
    for (const record of [failed, failedUnknown, succeeded]) expect(JSON.stringify(record)).not.toMatch(/not-it-at-all|guess-guess|correct-horse/);
  });

  it('records the caller\'s address from the socket when no trusted header names one', async () => {
    const user = await createUser(server, 'auditpeer');
    await raw(server, 'POST', '/users/login', { body: { login_id: user.user.username, password: 'wrong-password' } });
    const own = await raw(server, 'GET', `/users/${user.user.id}/audits`, { token: user.token });
    expect(own.status).toBe(200);
    expect((own.body as AuditView[])[0]).toMatchObject({ action: 'user.login', result: 'fail', ip_address: '127.0.0.1' });
  });

  it('records logout with the session that ended', async () => {
    const user = await createUser(server, 'auditlogout');
    const address = newAddress();
    const session = ((await raw(server, 'GET', '/users/me/sessions', { token: user.token })).body as { id: string }[])[0];
    expect((await raw(server, 'POST', '/users/logout', { token: user.token, headers: from(address) })).status).toBe(200);
    expect(await only(address, 'user.logout')).toMatchObject({ user_id: user.user.id, session_id: session.id, result: 'success' });
  });

  it('records a password change by the user and a reset by an admin', async () => {
    const user = await createUser(server, 'auditpw');
    const address = newAddress();
    const changed = await raw(server, 'PUT', `/users/${user.user.id}/password`, {
      token: user.token, headers: from(address), body: { current_password: user.password, new_password: 'another-good-password' },
    });
    expect(changed.status).toBe(200);
    const reset = await raw(server, 'PUT', `/users/${user.user.id}/password`, { token: admin.token, headers: from(address), body: { new_password: 'set-by-the-admin' } });
    expect(reset.status).toBe(200);
    expect(await only(address, 'user.password.update')).toMatchObject({ user_id: user.user.id, object: user.user.id, result: 'success' });
    expect(await only(address, 'user.password.reset')).toMatchObject({ user_id: admin.user.id, object: user.user.id, result: 'success' });
    expect(JSON.stringify(await recordsFrom(address))).not.toMatch(/another-good-password|set-by-the-admin/);
  });

  it('records role changes, and a refused one as a failure with its status', async () => {
    const user = await createUser(server, 'auditroles');
    const address = newAddress();
    expect((await raw(server, 'PUT', `/users/${admin.user.id}/roles`, { token: user.token, headers: from(address), body: { roles: 'system_user system_admin' } })).status).toBe(403);
    expect((await raw(server, 'PUT', `/users/${user.user.id}/roles`, { token: admin.token, headers: from(address), body: { roles: 'system_user system_admin' } })).status).toBe(200);
    const [refused, granted] = (await recordsFrom(address)).filter((a) => a.action === 'user.roles.update');
    expect(refused).toMatchObject({ user_id: user.user.id, object: admin.user.id, result: 'fail' });
    expect(refused.extra_info).toContain('status=403');
    expect(granted).toMatchObject({ user_id: admin.user.id, object: user.user.id, result: 'success', extra_info: 'success roles=system_user system_admin' });
  });

  it('records team and channel member role changes', async () => {
    const member = await createUser(server, 'auditmember');
    const address = newAddress();
    const team = await newTeam(admin.client);
    await admin.client.addToTeam(team.id, member.user.id);
    const channel = await newChannel(admin.client, team.id);
    await admin.client.addToChannel(member.user.id, channel.id);

    const put = (path: string, body: object) => raw(server, 'PUT', path, { token: admin.token, headers: from(address), body });
    expect((await put(`/teams/${team.id}/members/${member.user.id}/roles`, { roles: 'team_user team_admin' })).status).toBe(200);
    expect((await put(`/teams/${team.id}/members/${member.user.id}/schemeRoles`, { scheme_user: true, scheme_admin: false })).status).toBe(200);
    expect((await put(`/channels/${channel.id}/members/${member.user.id}/roles`, { roles: 'channel_user channel_admin' })).status).toBe(200);
    expect((await put(`/channels/${channel.id}/members/${member.user.id}/schemeRoles`, { scheme_user: true, scheme_admin: false })).status).toBe(200);

    const teamRecords = (await recordsFrom(address)).filter((a) => a.action === 'team.member.roles.update');
    expect(teamRecords.map((a) => [a.user_id, a.object, a.result])).toEqual([[admin.user.id, member.user.id, 'success'], [admin.user.id, member.user.id, 'success']]);
    expect(teamRecords[0].extra_info).toBe(`success team_id=${team.id} roles=team_user team_admin`);
    expect(teamRecords[1].extra_info).toBe(`success team_id=${team.id} scheme_user=true scheme_admin=false`);
    const channelRecords = (await recordsFrom(address)).filter((a) => a.action === 'channel.member.roles.update');
    expect(channelRecords).toHaveLength(2);
    expect(channelRecords[0]).toMatchObject({ object: member.user.id, extra_info: `success channel_id=${channel.id} roles=channel_user channel_admin` });
  });

  it('records deactivation and activation, by either route', async () => {
    const user = await createUser(server, 'auditactive');
    const address = newAddress();
    const call = (method: string, path: string, body?: object) => raw(server, method, path, { token: admin.token, headers: from(address), body });
    expect((await call('PUT', `/users/${user.user.id}/active`, { active: false })).status).toBe(200);
    expect((await call('PUT', `/users/${user.user.id}/active`, { active: true })).status).toBe(200);
    expect((await call('DELETE', `/users/${user.user.id}`)).status).toBe(200);
    const actions = (await recordsFrom(address)).map((a) => [a.action, a.object, a.user_id, a.result]);
    expect(actions).toEqual([
      ['user.deactivate', user.user.id, admin.user.id, 'success'],
      ['user.activate', user.user.id, admin.user.id, 'success'],
      ['user.deactivate', user.user.id, admin.user.id, 'success'],
    ]);
  });

  it('records session revocation, one session and all of them', async () => {
    const user = await createUser(server, 'auditrevoke');
    const address = newAddress();
    const other = newClient(server);
    await other.login(user.user.username, user.password);
    const sessions = (await raw(server, 'GET', `/users/${user.user.id}/sessions`, { token: admin.token })).body as { id: string }[];
    const target = sessions[0].id;
    expect((await raw(server, 'POST', `/users/${user.user.id}/sessions/revoke`, { token: admin.token, headers: from(address), body: { session_id: target } })).status).toBe(200);
    expect((await raw(server, 'POST', `/users/${user.user.id}/sessions/revoke/all`, { token: admin.token, headers: from(address) })).status).toBe(200);
    expect(await only(address, 'user.session.revoke')).toMatchObject({ user_id: admin.user.id, object: user.user.id, extra_info: `success session_id=${target}` });
    expect(await only(address, 'user.session.revoke_all')).toMatchObject({ user_id: admin.user.id, object: user.user.id, result: 'success' });
  });

  it('records profile changes naming the fields sent, and team changes that decide who may join', async () => {
    const user = await createUser(server, 'auditprofile');
    const address = newAddress();
    const team = await newTeam(admin.client);
    const call = (token: string, method: string, path: string, body?: object) => raw(server, method, path, { token, headers: from(address), body });
    expect((await call(user.token, 'PUT', '/users/me/patch', { email: 'audit-profile-changed@example.com', nickname: 'nick' })).status).toBe(200);
    expect((await call(admin.token, 'PUT', `/teams/${team.id}/patch`, { allow_open_invite: true, display_name: 'Renamed' })).status).toBe(200);
    expect((await call(admin.token, 'POST', `/teams/${team.id}/regenerate_invite_id`)).status).toBe(200);
    expect((await recordsFrom(address)).map((a) => [a.action, a.user_id, a.object, a.extra_info])).toEqual([
      ['user.update', user.user.id, user.user.id, 'success fields=email,nickname'],
      ['team.update', admin.user.id, team.id, 'success allow_open_invite=true'],
      ['team.invite_id.regenerate', admin.user.id, team.id, 'success'],
    ]);
  });

  it('records a user created by an admin, and not an anonymous sign-up', async () => {
    const address = newAddress();
    const created = await raw(server, 'POST', '/users', {
      token: admin.token, headers: from(address), body: { username: 'made-by-admin-audit', email: 'made-by-admin-audit@example.com', password: 'a-fine-password' },
    });
    expect(created.status).toBe(201);
    const signup = await raw(server, 'POST', '/users', { headers: from(address), body: { username: 'self-made-audit', email: 'self-made-audit@example.com', password: 'a-fine-password' } });
    expect(signup.status).toBe(201);
    const records = await recordsFrom(address);
    expect(records).toHaveLength(1);
    expect(records[0]).toMatchObject({ action: 'user.create', user_id: admin.user.id, extra_info: 'success username=made-by-admin-audit email=made-by-admin-audit@example.com' });
  });

  it('records deletions: a post, archived and permanently deleted channels and teams', async () => {
    const address = newAddress();
    const team = await newTeam(admin.client);
    const archived = await newChannel(admin.client, team.id);
    const erased = await newChannel(admin.client, team.id);
    const post = await admin.client.createPost({ channel_id: archived.id, message: 'to be deleted' } as Post);
    const call = (method: string, path: string) => raw(server, method, path, { token: admin.token, headers: from(address) });
    const statuses = [
      (await call('DELETE', `/posts/${post.id}`)).status,
      (await call('DELETE', `/channels/${archived.id}`)).status,
      (await call('DELETE', `/channels/${erased.id}?permanent=true`)).status,
      (await call('DELETE', `/teams/${team.id}?permanent=true`)).status,
    ];
    expect(statuses.slice(0, 2)).toEqual([200, 200]);
    const records = await recordsFrom(address);
    expect(records.map((a) => [a.action, a.object, a.user_id])).toEqual([
      ['post.delete', post.id, admin.user.id],
      ['channel.delete', archived.id, admin.user.id],
      ['channel.delete.permanent', erased.id, admin.user.id],
      ['team.delete.permanent', team.id, admin.user.id],
    ]);
    expect(records.map((a) => a.result)).toEqual(statuses.map((status) => (status < 400 ? 'success' : 'fail')));
  });
});

describe('GET /audits and /users/{id}/audits', () => {
  it('answer in Mattermost\'s Audit shape through Client4, newest first', async () => {
    const audits: Audit[] = await admin.client.getAudits(0, 20);
    expect(audits.length).toBeGreaterThan(0);
    for (const audit of audits) {
      expect(Object.keys(audit)).toEqual(expect.arrayContaining(['id', 'create_at', 'user_id', 'action', 'extra_info', 'ip_address', 'session_id']));
      expect(audit.id).toMatch(/^[a-z0-9]{26}$/);
    }
    const seqs = (audits as AuditView[]).map((a) => a.seq);
    expect(seqs).toEqual([...seqs].sort((a, b) => b - a));
    const own: Audit[] = await admin.client.getUserAudits(admin.user.id, 0, 20);
    expect(own.every((a) => a.user_id === admin.user.id)).toBe(true);
  });

  it('refuse a non-admin the whole log and another user\'s records, and give users their own', async () => {
    const user = await createUser(server, 'auditreader');
    await raw(server, 'POST', '/users/login', { body: { login_id: user.user.username, password: 'wrong-password' } });
    expect((await raw(server, 'GET', '/audits', { token: user.token })).status).toBe(403);
    expect((await raw(server, 'GET', `/users/${admin.user.id}/audits`, { token: user.token })).status).toBe(403);
    expect((await raw(server, 'GET', '/audits')).status).toBe(401);
    const own = await raw(server, 'GET', '/users/me/audits', { token: user.token });
    expect(own.status).toBe(200);
    expect((own.body as AuditView[]).length).toBeGreaterThan(0);
    expect((own.body as AuditView[]).every((a) => a.user_id === user.user.id)).toBe(true);
    const byAdmin = await raw(server, 'GET', `/users/${user.user.id}/audits`, { token: admin.token });
    expect(byAdmin.body).toEqual(own.body);
  });

  it('filter by user, action prefix and time, and page', async () => {
    const user = await createUser(server, 'auditfilter');
    const since = Date.now();
    for (let i = 0; i < 3; i++) await raw(server, 'POST', '/users/login', { body: { login_id: user.user.username, password: `wrong-${i}-password` } });
    await raw(server, 'POST', '/users/logout', { token: user.token });
    const list = async (query: string) => (await raw(server, 'GET', `/audits?${query}`, { token: admin.token })).body as AuditView[];

    const byUser = await list(`user_id=${user.user.id}&since=${since}`);
    expect(byUser.map((a) => a.action)).toEqual(['user.logout', 'user.login', 'user.login', 'user.login']);
    expect((await list(`user_id=${user.user.id}&action=user.log`)).length).toBeGreaterThanOrEqual(5);
    expect((await list(`user_id=${user.user.id}&action=user.logout`)).map((a) => a.action)).toEqual(['user.logout']);
    expect(await list(`user_id=${user.user.id}&until=${since - 1}&action=user.logout`)).toEqual([]);
    const first = await list(`user_id=${user.user.id}&since=${since}&per_page=2&page=0`);
    const second = await list(`user_id=${user.user.id}&since=${since}&per_page=2&page=1`);
    expect([...first, ...second].map((a) => a.id)).toEqual(byUser.map((a) => a.id));
  });

  it('answer 400 for malformed parameters', async () => {
    for (const query of ['per_page=lots', 'page=-1', 'user_id=not-an-id', 'since=yesterday', 'until=-5']) {
      expect((await raw(server, 'GET', `/audits?${query}`, { token: admin.token })).status, query).toBe(400);
    }
    expect((await raw(server, 'GET', '/users/not-an-id/audits', { token: admin.token })).status).toBe(400);
  });
});

describe('parley audit verify', () => {
  const db = () => (server.app.deps.store as SqlStore).db;

  /** Applies `tamper` to the stored log, runs verify, then puts every row and the head back as they were. */
  async function verifyTampered(tamper: () => Promise<void>): Promise<{ code: number; out: string }> {
    const rows = await db().selectFrom('audits').selectAll().orderBy('seq').execute();
    const head = await db().selectFrom('audit_chain_head').selectAll().execute();
    try {
      await tamper();
      return await verify();
    } finally {
      await db().deleteFrom('audits').execute();
      await db().insertInto('audits').values(rows).execute();
      await db().deleteFrom('audit_chain_head').execute();
      await db().insertInto('audit_chain_head').values(head).execute();
    }
  }

  /** The seq of a record in the middle of the chain and of the newest one. */
  async function places(): Promise<{ middle: number; newest: number }> {
    const newest = Number((await db().selectFrom('audits').select((eb) => eb.fn.max('seq').as('seq')).executeTakeFirstOrThrow()).seq);
    expect(newest).toBeGreaterThan(10);
    return { middle: Math.floor(newest / 2), newest };
  }

  it('finds the chain built by every test above intact', async () => {
    // Text that neither database can keep as sent (a lone surrogate) is stored as it reads back, so it verifies.
    await raw(server, 'POST', '/users/login', { body: `{"login_id":"\\ud800x","password":"nope-nope"}` });
    const { code, out } = await verify();
    expect(out).toMatch(/^audit chain intact: \d+ records; last hash [0-9a-f]{64}\n$/);
    expect(code).toBe(VERIFY_INTACT);
  });

  // Each a different value that fits the column.
  const tampered = {
    create_at: sql`create_at + 1`, user_id: 'tampered'.padEnd(26, '0'), action: 'user.tampered', object: 'tampered',
    extra_info: 'tampered', ip_address: '198.51.100.1', session_id: 'tampered'.padEnd(26, '0'), result: 'tampered',
    prev_hash: 'f'.repeat(64), hash: 'e'.repeat(64),
  } as const;

  it.each(Object.keys(tampered) as (keyof typeof tampered)[])('names the record whose %s was altered', async (field) => {
    const { middle } = await places();
    const { code, out } = await verifyTampered(async () => {
      await sql`UPDATE audits SET ${sql.ref(field)} = ${tampered[field]} WHERE seq = ${middle}`.execute(db());
    });
    expect(code).toBe(VERIFY_BROKEN);
    expect(out).toContain(`audit chain BROKEN at record ${middle}: record ${middle} (id `);
    expect(out).toContain('was altered');
  });

  it('names a record removed from the middle', async () => {
    const { middle } = await places();
    const { code, out } = await verifyTampered(async () => {
      await db().deleteFrom('audits').where('seq', '=', middle).execute();
    });
    expect(code).toBe(VERIFY_BROKEN);
    expect(out).toContain(`audit chain BROKEN at record ${middle}: record ${middle} is missing`);
  });

  it('names the newest record when it was removed', async () => {
    const { newest } = await places();
    const { code, out } = await verifyTampered(async () => {
      await db().deleteFrom('audits').where('seq', '=', newest).execute();
    });
    expect(code).toBe(VERIFY_BROKEN);
    expect(out).toContain(`audit chain BROKEN at record ${newest}: record ${newest} (the newest) is missing`);
  });

  it('names two swapped records as reordered', async () => {
    const { middle } = await places();
    const later = middle + 3;
    const { code, out } = await verifyTampered(async () => {
      await db().updateTable('audits').set({ seq: -1 }).where('seq', '=', middle).execute();
      await db().updateTable('audits').set({ seq: middle }).where('seq', '=', later).execute();
      await db().updateTable('audits').set({ seq: later }).where('seq', '=', -1).execute();
    });
    expect(code).toBe(VERIFY_BROKEN);
    expect(out).toContain(`audit chain BROKEN at record ${middle}: record ${middle} (id `);
    expect(out).toContain(`is out of order: the record that follows ${middle - 1} is stored at ${later}`);
  });

  it('chains appends made at once (batched per process, several per transaction) without a gap or a fork', async () => {
    const before = (await server.app.deps.store.audits.head())?.lastSeq ?? 0;
    await Promise.all(Array.from({ length: 40 }, (_, i) => server.app.audit.record({
      userId: admin.user.id, action: 'test.concurrent', object: String(i), result: 'success', ipAddress: '192.0.2.1',
    })));
    const records = await server.app.deps.store.audits.chainPage(before, Number.MAX_SAFE_INTEGER, 100);
    expect(records.map((r) => r.seq)).toEqual(Array.from({ length: 40 }, (_, i) => before + i + 1));
    expect(records.map((r) => Number(r.object)).sort((a, b) => a - b)).toEqual(Array.from({ length: 40 }, (_, i) => i));
    expect((await verify()).code).toBe(VERIFY_INTACT);
  });

  it('finds the chain intact again once restored, with the server appending meanwhile', async () => {
    const user = await createUser(server, 'auditafter');
    const [{ code }] = await Promise.all([
      verify(),
      raw(server, 'POST', '/users/login', { body: { login_id: user.user.username, password: 'wrong-password' } }),
    ]);
    expect(code).toBe(VERIFY_INTACT);
    expect((await verify()).code).toBe(VERIFY_INTACT);
  });
});
