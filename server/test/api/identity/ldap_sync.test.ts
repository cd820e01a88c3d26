import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ldapRequestDuration } from '../../../src/metrics/registry.js';
import { createUser, raw, type TestServer, type TestUser } from '../../harness.js';
import { ROOT_PASSWORD, type Slapd } from '../../slapd.js';
import { PASSWORD, ldapSettings, login, person, saveLdapSettings, startLdapWorld, type LdapWorld } from './ldap_fixtures.js';

const MASKED = '********************************';

let slapd: Slapd;
let server: TestServer;
let admin: TestUser;
let member: TestUser;
let world: LdapWorld;

beforeAll(async () => {
  world = await startLdapWorld('syncadmin');
  ({ slapd, server, admin } = world);
  member = await createUser(server, 'syncmember');
});
afterAll(() => world?.close());

interface Job { id: string; type: string; status: string; progress: number; data: Record<string, string>; create_at: number; start_at: number; last_activity_at: number }

async function searches(): Promise<number> {
  const { values } = await ldapRequestDuration.get();
  return values.find((v) => v.metricName === 'parley_ldap_requests_seconds_count' && v.labels.operation === 'search' && v.labels.result === 'ok')?.value ?? 0;
}

async function syncJobs(): Promise<Job[]> {
  const res = await raw(server, 'GET', '/jobs/type/ldap_sync?per_page=200', { token: admin.token });
  expect(res.status).toBe(200);
  return res.body as Job[];
}

/** The first sync job not in `seen` once it has finished. */
async function finishedJob(seen: ReadonlySet<string>, source = 'manual'): Promise<Job> {
  for (let i = 0; i < 300; i++) {
    const job = (await syncJobs()).find((j) => !seen.has(j.id) && j.data.source === source);
    if (job && (job.status === 'success' || job.status === 'error')) return job;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('the sync job did not finish');
}

async function syncNow(): Promise<Job> {
  const seen = new Set((await syncJobs()).map((j) => j.id));
  const res = await raw(server, 'POST', '/ldap/sync', { token: admin.token });
  expect([res.status, res.body]).toEqual([200, { status: 'OK' }]);
  return finishedJob(seen);
}

describe('AD/LDAP sync', () => {
  it('updates accounts from the directory, deactivates those whose entry is gone (ending their sessions), reactivates returning ones', async () => {
    const stays = person('stays');
    const leaves = person('leaves');
    const unknownToParley = person('neversigned');
    await slapd.addPeople([stays, leaves, unknownToParley]);
    const staysLogin = await login(server, stays.uid, PASSWORD);
    const leavesLogin = await login(server, leaves.uid, PASSWORD);
    expect([staysLogin.status, leavesLogin.status]).toEqual([200, 200]);
    const leavesToken = leavesLogin.headers.get('token')!;
    expect((await raw(server, 'GET', '/users/me', { token: leavesToken })).status).toBe(200);

    await slapd.modify(stays.uid, { title: 'Principal', sn: 'Renamed' });
    await slapd.remove(leaves.uid);
    const job = await syncNow();
    expect(job).toMatchObject({ type: 'ldap_sync', status: 'success', progress: 100 });
    expect(Number(job.data.deactivated)).toBeGreaterThanOrEqual(1);
    expect(Number(job.data.updated)).toBeGreaterThanOrEqual(1);
    expect(job.data.done).toBe(job.data.total);
    expect(job.start_at).toBeGreaterThan(0);

    const staysNow = await raw(server, 'GET', `/users/${staysLogin.body.id}`, { token: admin.token });
    expect(staysNow.body).toMatchObject({ position: 'Principal', last_name: 'Renamed', delete_at: 0 });
    const leavesNow = await raw(server, 'GET', `/users/${leavesLogin.body.id}`, { token: admin.token });
    expect(leavesNow.body.delete_at).toBeGreaterThan(0);
    expect((await raw(server, 'GET', '/users/me', { token: leavesToken })).status).toBe(401);
    expect((await login(server, leaves.uid, PASSWORD)).status).toBe(401);
    // Sync creates nobody: accounts appear at their first sign-in.
    expect((await raw(server, 'GET', `/users/username/${unknownToParley.uid}`, { token: admin.token })).status).toBe(404);

    await slapd.addPeople([leaves]);
    await syncNow();
    const back = await raw(server, 'GET', `/users/${leavesLogin.body.id}`, { token: admin.token });
    expect(back.body.delete_at).toBe(0);
    expect((await login(server, leaves.uid, PASSWORD)).status).toBe(200);
  });

  it('pages through the directory with MaxPageSize', async () => {
    const people = Array.from({ length: 7 }, (_, i) => person(`paged${i}`));
    await slapd.addPeople(people);
    const ids: string[] = [];
    for (const p of people) ids.push((await login(server, p.uid, PASSWORD)).body.id as string);
    for (const p of people) await slapd.modify(p.uid, { title: 'Paged' });
    await saveLdapSettings(server, admin, { MaxPageSize: 2 });
    const searchesBefore = await searches();
    try {
      expect((await syncNow()).status).toBe('success');
      // At least the 7 entries here, 2 per page: 4 pages or more.
      expect(await searches() - searchesBefore).toBeGreaterThanOrEqual(4);
    } finally {
      await saveLdapSettings(server, admin, { MaxPageSize: 0 });
    }
    for (const id of ids) expect((await raw(server, 'GET', `/users/${id}`, { token: admin.token })).body).toMatchObject({ position: 'Paged', delete_at: 0 });
  });

  it('deactivates nobody when the directory returns no entry at all, and records the failed run', async () => {
    const kept = person('kept');
    await slapd.addPeople([kept]);
    const signedIn = await login(server, kept.uid, PASSWORD);
    await saveLdapSettings(server, admin, { UserFilter: '(departmentNumber=nonexistent)' });
    try {
      const job = await syncNow();
      expect(job.status).toBe('error');
      expect(job.data.error).toContain('no users');
    } finally {
      await saveLdapSettings(server, admin, { UserFilter: '(objectClass=inetOrgPerson)' });
    }
    expect((await raw(server, 'GET', `/users/${signedIn.body.id}`, { token: admin.token })).body.delete_at).toBe(0);
  });

  it('runs by itself every SyncIntervalMinutes when EnableSync is on', async () => {
    const seen = new Set((await syncJobs()).filter((j) => j.data.source === 'schedule').map((j) => j.id));
    const hour = (t: number): number => Math.floor(t / 3_600_000);
    const from = Date.now();
    await saveLdapSettings(server, admin, { EnableSync: true, SyncIntervalMinutes: 60 });
    try {
      const job = await finishedJob(seen, 'schedule');
      expect(job.status).toBe('success');
      // One run per interval: after more than one look at the schedule (every 5 s), still one run for each hour
      // the test spanned (two only if it crossed the hour).
      await new Promise((r) => setTimeout(r, 6_000));
      const runs = (await syncJobs()).filter((j) => j.data.source === 'schedule' && !seen.has(j.id));
      expect(runs.length).toBeGreaterThanOrEqual(1);
      expect(runs.length).toBeLessThanOrEqual(hour(Date.now()) - hour(from) + 1);
    } finally {
      await saveLdapSettings(server, admin, { EnableSync: false });
    }
  });

  it('GET /jobs/{id} answers one job', async () => {
    const [latest] = await syncJobs();
    const res = await raw(server, 'GET', `/jobs/${latest.id}`, { token: admin.token });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ id: latest.id, type: 'ldap_sync' });
    expect((await raw(server, 'GET', '/jobs/aaaaaaaaaaaaaaaaaaaaaaaaaa', { token: admin.token })).status).toBe(404);
  });
});

describe('AD/LDAP connection tests', () => {
  it('POST /ldap/test answers OK with the saved settings, and names a bad bind password', async () => {
    const ok = await raw(server, 'POST', '/ldap/test', { token: admin.token });
    expect([ok.status, ok.body]).toEqual([200, { status: 'OK' }]);
    await saveLdapSettings(server, admin, { BindPassword: 'not-the-password' });
    try {
      const bad = await raw(server, 'POST', '/ldap/test', { token: admin.token });
      expect([bad.status, bad.body.id]).toEqual([400, 'ent.ldap.do_login.bind_admin_user.app_error']);
    } finally {
      await saveLdapSettings(server, admin, { BindPassword: ROOT_PASSWORD });
    }
  });

  it('POST /ldap/test_connection tests the form as sent, keeping the saved password only for the same server and user', async () => {
    const form = ldapSettings(slapd, { BindPassword: MASKED });
    expect((await raw(server, 'POST', '/ldap/test_connection', { token: admin.token, body: form })).status).toBe(200);
    const wrong = await raw(server, 'POST', '/ldap/test_connection', { token: admin.token, body: { ...form, BindPassword: 'wrong' } });
    expect([wrong.status, wrong.body.id]).toEqual([400, 'ent.ldap.do_login.bind_admin_user.app_error']);
    const badBase = await raw(server, 'POST', '/ldap/test_connection', { token: admin.token, body: { ...form, BaseDN: 'dc=elsewhere,dc=test' } });
    expect([badBase.status, badBase.body.id]).toEqual([400, 'ent.ldap.do_login.search_ldap_server.app_error']);
    const otherServer = await raw(server, 'POST', '/ldap/test_connection', { token: admin.token, body: { ...form, LdapServer: 'localhost' } });
    expect([otherServer.status, otherServer.body.id]).toEqual([400, 'ent.ldap.test_connection.reenter_password']);
    const badFilter = await raw(server, 'POST', '/ldap/test_connection', { token: admin.token, body: { ...form, UserFilter: '(objectClass=' } });
    expect([badFilter.status, badFilter.body.id]).toEqual([400, 'ent.ldap.validate_filter.app_error']);
    const missing = await raw(server, 'POST', '/ldap/test_connection', { token: admin.token, body: { ...form, IdAttribute: '' } });
    expect([missing.status, missing.body.id]).toEqual([400, 'model.config.is_valid.ldap_id.app_error']);
  });

  it('refuses people without the console permissions (403)', async () => {
    for (const [method, path, body] of [
      ['POST', '/ldap/test', undefined], ['POST', '/ldap/test_connection', {}], ['POST', '/ldap/sync', undefined],
      ['GET', '/jobs/type/ldap_sync', undefined],
    ] as const) {
      const res = await raw(server, method, path, { token: member.token, body });
      expect([path, res.status]).toEqual([path, 403]);
    }
    const [latest] = await syncJobs();
    expect((await raw(server, 'GET', `/jobs/${latest.id}`, { token: member.token })).status).toBe(403);
    expect((await raw(server, 'POST', '/ldap/sync')).status).toBe(401);
  });

  it('answers a sync request with 400 while AD/LDAP is off', async () => {
    await saveLdapSettings(server, admin, { Enable: false });
    try {
      const res = await raw(server, 'POST', '/ldap/sync', { token: admin.token });
      expect([res.status, res.body.id]).toEqual([400, 'ent.ldap.disabled.app_error']);
    } finally {
      await saveLdapSettings(server, admin, { Enable: true });
    }
  });
});
