import type { UserReport } from '@mattermost/types/reports';
import type { Team } from '@mattermost/types/teams';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId } from '../../../src/model/id.js';
import type { UserRecord } from '../../../src/model/types.js';
import { createUser, raw, startTestServer, type TestServer, type TestUser } from '../../harness.js';
import { newChannel, newTeam } from '../../team_fixtures.js';

const DAY_MS = 86_400_000;
const PAGE = 10;

let server: TestServer;
let admin: TestUser;
let member: TestUser;
let reader: TestUser;
let team: Team;
/** rpt00..rpt24, written through the store so that several share a create_at. */
const seeded: UserRecord[] = [];
/** Every user a report lists: the seeded ones and the three signed-up ones. */
let everyone: UserRecord[] = [];
const INACTIVE = new Set([3, 10, 17]);
const TEAM_MEMBERS = [0, 1, 2, 4, 6];

function seedUser(i: number, base: number, overrides: Partial<UserRecord> = {}): UserRecord {
  const name = `rpt${String(i).padStart(2, '0')}`;
  return {
    id: newId(), create_at: base + Math.floor(i / 3) * 1000, update_at: base, delete_at: INACTIVE.has(i) ? base : 0,
    username: name, email: `${name}@reports.test`, password: 'not-a-real-hash', auth_service: '', auth_data: '', email_verified: true,
    nickname: i % 2 === 0 ? 'nick' : '', first_name: i === 12 ? 'Zed' : `first${name}`, last_name: `last${name}`, position: '',
    roles: i === 5 ? 'system_user system_admin' : 'system_user', props: {}, notify_props: {} as UserRecord['notify_props'],
    last_password_update: base, last_picture_update: 0, locale: 'en',
    timezone: { useAutomaticTimezone: 'true', automaticTimezone: '', manualTimezone: '' },
    mfa_active: false, last_activity_at: 0, is_bot: false, failed_attempts: 0, bot_description: '', terms_of_service_id: '',
    terms_of_service_create_at: 0, ...overrides,
  } as UserRecord;
}

const byName = (name: string): UserRecord => {
  const user = seeded.find((u) => u.username === name);
  if (!user) throw new Error(`no ${name}`);
  return user;
};

beforeAll(async () => {
  server = await startTestServer();
  admin = await createUser(server, 'rptadmin');
  member = await createUser(server, 'rptmember');
  reader = await createUser(server, 'rptreader');
  const roles = await raw(server, 'PUT', `/users/${reader.user.id}/roles`, { token: admin.token, body: { roles: 'system_user system_read_only_admin' } });
  expect(roles.status).toBe(200);

  const base = Date.now() - 1_000_000;
  for (let i = 0; i < 25; i++) seeded.push(seedUser(i, base));
  for (const user of seeded) await server.app.deps.store.users.create(user);
  // A bot is in no report, whatever the filter.
  await server.app.deps.store.users.create(seedUser(99, base, { username: 'rptbot', email: 'rptbot@reports.test', is_bot: true }));

  team = await newTeam(admin.client);
  for (const i of TEAM_MEMBERS) await admin.client.addToTeam(team.id, seeded[i]!.id);

  const signedUp = await Promise.all([admin, member, reader].map(async (u) => (await server.app.deps.store.users.get(u.user.id))!));
  everyone = [...seeded, ...signedUp];
});
afterAll(async () => server?.close());

const get = async (query: string, token = admin.token): Promise<UserReport[]> => {
  const res = await raw(server, 'GET', `/reports/users?${query}`, { token });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body as UserReport[];
};
const count = async (query: string, token = admin.token): Promise<number> => {
  const res = await raw(server, 'GET', `/reports/users/count?${query}`, { token });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  expect(typeof res.body).toBe('number');
  return res.body as number;
};
const ids = (users: { id: string }[]): string[] => users.map((u) => u.id);
const sortedIds = (users: { id: string }[]): string[] => ids(users).sort();

/** Expected order: the sort key, then the id (both in the sort's direction). */
function expectedOrder(key: SortKey, descending: boolean): string[] {
  const sorted = [...everyone].sort((a, b) => {
    const [ka, kb] = [key(a), key(b)];
    if (ka !== kb) return ka < kb ? -1 : 1;
    return a.id < b.id ? -1 : 1;
  });
  return ids(descending ? sorted.reverse() : sorted);
}

/** The fields the sort cases read, which both a report row and a user record have. */
type SortKey = (u: Pick<UserRecord, 'create_at' | 'username' | 'nickname'>) => string | number;

/** Walks every page forward with the cursor of each page's last row, then back with each page's first row. */
async function walk(column: string, key: SortKey, descending: boolean): Promise<string[][]> {
  const sort = `sort_column=${column}&sort_direction=${descending ? 'desc' : 'asc'}&page_size=${PAGE}`;
  const cursor = (row: UserReport) => `from_column_value=${encodeURIComponent(String(key(row)))}&from_id=${row.id}`;
  const pages: UserReport[][] = [await get(sort)];
  for (;;) {
    const last = pages[pages.length - 1]!;
    const next = await get(`${sort}&direction=next&${cursor(last[last.length - 1]!)}`);
    if (next.length === 0) break;
    pages.push(next);
    expect(pages.length).toBeLessThan(10);
  }
  for (let i = pages.length - 1; i > 0; i--) {
    const previous = await get(`${sort}&direction=prev&${cursor(pages[i]![0]!)}`);
    expect(ids(previous)).toEqual(ids(pages[i - 1]!));
  }
  expect(await get(`${sort}&direction=prev&${cursor(pages[0]![0]!)}`)).toEqual([]);
  return pages.map(ids);
}

describe('GET /reports/users: sorting and keyset paging', () => {
  const cases: [string, SortKey][] = [
    ['CreateAt', (u) => u.create_at],
    ['Username', (u) => u.username],
    ['Nickname', (u) => u.nickname],
  ];
  for (const [column, key] of cases) {
    for (const descending of [false, true]) {
      it(`${column} ${descending ? 'descending' : 'ascending'}: pages of ${PAGE} forward and back, ties settled by id`, async () => {
        const pages = await walk(column, key, descending);
        expect(pages.map((p) => p.length)).toEqual([10, 10, 8]);
        expect(pages.flat()).toEqual(expectedOrder(key, descending));
      });
    }
  }

  it('pages through ties: users sharing a create_at split across a page boundary keep their id order', async () => {
    // Three users share each create_at; a page boundary of 10 always lands inside one group.
    const first = await get(`sort_column=CreateAt&page_size=${PAGE}`);
    const last = first[first.length - 1]!;
    const tied = everyone.filter((u) => u.create_at === last.create_at).map((u) => u.id).sort();
    expect(tied.length).toBeGreaterThan(1);
    const next = await get(`sort_column=CreateAt&page_size=${PAGE}&direction=next&from_column_value=${last.create_at}&from_id=${last.id}`);
    const rest = tied.filter((id) => id > last.id);
    expect(ids(next).slice(0, rest.length)).toEqual(rest);
  });

  it('defaults to Username ascending, 50 a page, and reports no secrets', async () => {
    const rows = await get('page_size=abc');
    expect(ids(rows)).toEqual(expectedOrder((u) => u.username, false));
    const row = rows.find((u) => u.username === 'rpt07')!;
    expect(row).not.toHaveProperty('password');
    expect(row).not.toHaveProperty('failed_attempts');
    expect(row.email).toBe('rpt07@reports.test');
    expect(row.first_name).toBe('firstrpt07');
    expect(row.last_password_update).toBe(0);
  });
});

describe('GET /reports/users: filters and the count', () => {
  const checks: [string, () => string[]][] = [
    ['role_filter=system_admin', () => [admin.user.id, byName('rpt05').id]],
    ['role_filter=system_read_only_admin', () => [reader.user.id]],
    ['hide_active=true', () => seeded.filter((_, i) => INACTIVE.has(i)).map((u) => u.id)],
    ['hide_inactive=true', () => everyone.filter((u) => u.delete_at === 0).map((u) => u.id)],
    ['search_term=rpt1', () => seeded.slice(10, 20).map((u) => u.id)],
    ['search_term=RPT1&hide_inactive=true', () => seeded.slice(10, 20).filter((u) => u.delete_at === 0).map((u) => u.id)],
    ['search_term=zed', () => [byName('rpt12').id]],
    ['search_term=%40rpt2%20lastrpt21', () => [byName('rpt21').id]],
    ['search_term=rpt04%40reports', () => [byName('rpt04').id]],
    ['search_term=rpt_', () => []],
    ['search_term=rptbot', () => []],
  ];
  for (const [query, expected] of checks) {
    it(`${query} lists and counts exactly its users`, async () => {
      const rows = await get(`${query}&page_size=100`);
      expect(sortedIds(rows)).toEqual([...expected()].sort());
      expect(await count(query)).toBe(rows.length);
    });
  }

  it('team_filter and has_no_team (which wins when both are given)', async () => {
    const inTeam = [admin.user.id, ...TEAM_MEMBERS.map((i) => seeded[i]!.id)];
    expect(sortedIds(await get(`team_filter=${team.id}&page_size=100`))).toEqual([...inTeam].sort());
    expect(await count(`team_filter=${team.id}`)).toBe(inTeam.length);
    const noTeam = everyone.filter((u) => !inTeam.includes(u.id)).map((u) => u.id);
    expect(sortedIds(await get('has_no_team=true&page_size=100'))).toEqual([...noTeam].sort());
    expect(await count(`has_no_team=true&team_filter=${team.id}`)).toBe(noTeam.length);
    expect(await count('')).toBe(everyone.length);
  });

  it('keyset pages within a filter', async () => {
    const query = 'hide_inactive=true&sort_column=Email&sort_direction=desc&page_size=4&search_term=rpt0';
    const first = await get(query);
    const last = first[first.length - 1]!;
    const second = await get(`${query}&direction=next&from_column_value=${encodeURIComponent(last.email)}&from_id=${last.id}`);
    const expected = seeded.slice(0, 10).filter((u) => u.delete_at === 0).map((u) => u.username).sort().reverse();
    expect([...first, ...second].map((u) => u.username)).toEqual(expected.slice(0, 8));
  });
});

describe('GET /reports/users: activity', () => {
  it('post statistics for the date range, the last status, and none for a user who never posted', async () => {
    const author = byName('rpt07');
    const channel = await newChannel(admin.client, team.id, 'O');
    const today = Math.floor(Date.now() / DAY_MS) * DAY_MS;
    const created: number[] = [];
    const post = async (createAt: number, extra: { delete_at?: number; type?: string } = {}) => {
      await server.app.deps.store.posts.create({
        id: newId(), create_at: createAt, update_at: createAt, edit_at: 0, delete_at: 0, is_pinned: false, user_id: author.id,
        channel_id: channel.id, root_id: '', original_id: '', message: 'hello', type: '', props: {}, hashtags: '', file_ids: [],
        pending_post_id: '', has_reactions: false, ...extra,
      }, []);
    };
    for (const at of [today - 2 * DAY_MS + 1000, today - 2 * DAY_MS + 2000, today - 5 * DAY_MS, today - 40 * DAY_MS]) {
      created.push(at);
      await post(at);
    }
    await post(today - DAY_MS, { delete_at: today });
    await post(today - DAY_MS, { type: 'system_join_channel' });
    await server.app.deps.store.statuses.save({ user_id: author.id, status: 'away', manual: false, last_activity_at: today - 3000, dnd_end_time: 0 });

    const [allTime] = await get('search_term=rpt07&date_range=all_time');
    expect(allTime).toMatchObject({ id: author.id, total_posts: 4, days_active: 3, last_post_date: today - 2 * DAY_MS + 2000, last_status_at: today - 3000 });
    const [recent] = await get('search_term=rpt07&date_range=last_30_days');
    expect(recent).toMatchObject({ total_posts: 3, days_active: 2, last_post_date: today - 2 * DAY_MS + 2000 });
    // The calendar month before this one, in the server's local time.
    const now = new Date();
    const [monthFrom, monthTo] = [new Date(now.getFullYear(), now.getMonth() - 1, 1).getTime(), new Date(now.getFullYear(), now.getMonth(), 1).getTime()];
    const lastMonth = created.filter((at) => at >= monthFrom && at < monthTo);
    expect((await get('search_term=rpt07&date_range=previous_month'))[0]!.total_posts).toBe(lastMonth.length);

    const [silent] = await get('search_term=rpt08');
    expect(silent).toMatchObject({ id: byName('rpt08').id, total_posts: 0, days_active: 0 });
    expect(silent).not.toHaveProperty('last_post_date');
    expect(silent).not.toHaveProperty('last_status_at');
  });
});

describe('GET /reports/users: errors and permissions', () => {
  it('rejects bad parameters with 400s', async () => {
    const bad = async (path: string, id?: string) => {
      const res = await raw(server, 'GET', path, { token: admin.token });
      expect(res.status, path).toBe(400);
      if (id) expect(res.body.id).toBe(id);
    };
    await bad('/reports/users?page_size=0', 'api.getUsersForReporting.invalid_page_size');
    await bad('/reports/users?page_size=101', 'api.getUsersForReporting.invalid_page_size');
    await bad('/reports/users?page_size=-5', 'api.getUsersForReporting.invalid_page_size');
    await bad('/reports/users?team_filter=nope', 'api.getUsersForReporting.invalid_team_filter');
    await bad('/reports/users?hide_active=true&hide_inactive=true', 'api.getUsersForReporting.invalid_active_filter');
    await bad('/reports/users?sort_column=Password', 'model.user_report_options.is_valid.invalid_sort_column');
    await bad(`/reports/users?sort_column=CreateAt&from_column_value=yesterday&from_id=${admin.user.id}`);
    await bad('/reports/users?from_column_value=rpt01&from_id=nope');
    await bad('/reports/users?role_filter=System%20Admin');
    await bad('/reports/users/count?team_filter=nope', 'api.getUsersForReporting.invalid_team_filter');
    await bad('/reports/users/count?hide_active=true&hide_inactive=true', 'api.getUsersForReporting.invalid_active_filter');
    expect((await get('page_size=100')).length).toBe(everyone.length);
  });

  it('needs a session and sysconsole_read_user_management_users: 403 for a member, 200 for a read-only admin', async () => {
    for (const path of ['/reports/users', '/reports/users/count']) {
      expect((await raw(server, 'GET', path)).status).toBe(401);
      const denied = await raw(server, 'GET', path, { token: member.token });
      expect(denied.status).toBe(403);
      expect(denied.body.id).toBe('api.context.permissions.app_error');
      // The permission is checked before the parameters are.
      expect((await raw(server, 'GET', `${path}?team_filter=nope`, { token: member.token })).status).toBe(403);
    }
    expect((await get('page_size=100', reader.token)).length).toBe(everyone.length);
    expect(await count('', reader.token)).toBe(everyone.length);
    const viaClient = await reader.client.getUsersForReporting({ page_size: 5, search_term: 'rpt2' });
    expect(viaClient.map((u) => u.username)).toEqual(['rpt20', 'rpt21', 'rpt22', 'rpt23', 'rpt24']);
    expect(await reader.client.getUserCountForReporting({ search_term: 'rpt2' })).toBe(5);
  });
});

describe('what the web app asks for on every page', () => {
  it('GET /agents: no AI agents, to anyone signed in', async () => {
    const res = await raw(server, 'GET', '/agents', { token: member.token });
    expect(res.status).toBe(200);
    expect(res.body).toEqual([]);
    expect((await raw(server, 'GET', '/agents')).status).toBe(401);
  });

  it('GET /posts/scheduled/team/{team_id}: an empty list per team to its members', async () => {
    const path = `/posts/scheduled/team/${team.id}`;
    const withDirect = await raw(server, 'GET', `${path}?includeDirectChannels=true`, { token: admin.token });
    expect(withDirect.status).toBe(200);
    expect(withDirect.body).toEqual({ [team.id]: [], directChannels: [] });
    expect((await raw(server, 'GET', path, { token: admin.token })).body).toEqual({ [team.id]: [] });
    expect((await admin.client.getScheduledPosts(team.id, false)).data).toEqual({ [team.id]: [] });
    expect((await raw(server, 'GET', path, { token: member.token })).status).toBe(403);
    expect((await raw(server, 'GET', path)).status).toBe(401);
    expect((await raw(server, 'GET', '/posts/scheduled/team/nope', { token: admin.token })).status).toBe(400);
  });

  it('GET /upgrade_to_enterprise/allowed: admins hear the server cannot be upgraded; others are refused', async () => {
    const res = await raw(server, 'GET', '/upgrade_to_enterprise/allowed', { token: admin.token });
    expect(res.status).toBe(403);
    expect(res.body.id).toBe('api.upgrade_to_enterprise.system_not_supported.app_error');
    const denied = await raw(server, 'GET', '/upgrade_to_enterprise/allowed', { token: member.token });
    expect(denied.status).toBe(403);
    expect(denied.body.id).toBe('api.context.permissions.app_error');
    expect((await raw(server, 'GET', '/upgrade_to_enterprise/allowed')).status).toBe(401);
  });
});
