import { newId } from '@parley/server/dist/model/id.js';
import type { ChannelRecord, UserRecord } from '@parley/server/dist/model/types.js';
import { fromChannel, fromTeamMember, fromUser } from '@parley/server/dist/store/sql/rows.js';
import { sql } from 'kysely';
import { call } from './http.js';
import { Seeder } from './seed.js';
import { freshDatabase, startServer, type Database } from './server_process.js';
import { percentile, progress } from './stats.js';

// People and channel pickers on a big directory: 100,000 users and 10,000
// channels in one team, each query asked 50 times by one logged-in user.

const USERS = Number(process.env.BENCH_DIRECTORY_USERS ?? 100_000);
const CHANNELS = Number(process.env.BENCH_DIRECTORY_CHANNELS ?? 10_000);
const REPEATS = 50;

const FIRST = ['anna', 'ben', 'carla', 'david', 'elena', 'felix', 'grace', 'hugo', 'ines', 'jonas', 'kim', 'lena', 'marco', 'nina', 'oscar', 'paula'];
const LAST = ['smith', 'meyer', 'garcia', 'rossi', 'novak', 'dubois', 'kowalski', 'jensen', 'silva', 'tanaka', 'okafor', 'larsen'];
const WORDS = ['sales', 'support', 'design', 'backend', 'frontend', 'ops', 'release', 'random', 'hiring', 'security', 'mobile', 'data'];

export interface DirectoryQuery {
  label: string;
  p50: number;
  p99: number;
  results: number;
}

export interface DirectoryResult {
  users: number;
  channels: number;
  seedSeconds: number;
  queries: DirectoryQuery[];
}

async function seedDirectory(seeder: Seeder, teamId: string): Promise<void> {
  const now = Date.now();
  const db = seeder.store.db;
  const batch = 500;
  for (let done = 0; done < USERS; done += batch) {
    const users: UserRecord[] = [];
    for (let i = done; i < Math.min(USERS, done + batch); i++) {
      const first = FIRST[i % FIRST.length];
      const last = LAST[Math.floor(i / FIRST.length) % LAST.length];
      const username = `${first}.${last}${i}`;
      users.push({
        id: newId(), create_at: now, update_at: now, delete_at: 0, username, email: `${username}@directory.invalid`, email_verified: true,
        password: '', auth_service: '', auth_data: '', nickname: i % 7 === 0 ? `${first}${i % 100}` : '', first_name: first, last_name: last, position: '',
        roles: 'system_user', props: {}, notify_props: { mention_keys: '', channel: 'true', first_name: 'false' } as UserRecord['notify_props'],
        last_password_update: now, last_picture_update: 0, locale: 'en',
        timezone: { useAutomaticTimezone: 'true', automaticTimezone: '', manualTimezone: '' }, mfa_active: false,
        last_activity_at: 0, is_bot: false, bot_description: '', terms_of_service_id: '', terms_of_service_create_at: 0,
      });
    }
    await db.transaction().execute(async (trx) => {
      for (let i = 0; i < users.length; i += 50) {
        await trx.insertInto('users').values(users.slice(i, i + 50).map((u) => ({ ...fromUser(u), failed_attempts: 0 }))).execute();
        await trx.insertInto('team_members').values(users.slice(i, i + 50).map((u) => fromTeamMember({
          team_id: teamId, user_id: u.id, roles: '', delete_at: 0, scheme_user: true, scheme_admin: false, scheme_guest: false,
        }, now))).execute();
      }
    });
    progress('directory users', Math.min(USERS, done + batch), USERS);
  }
  for (let done = 0; done < CHANNELS; done += batch) {
    const channels: ChannelRecord[] = [];
    for (let i = done; i < Math.min(CHANNELS, done + batch); i++) {
      const name = `${WORDS[i % WORDS.length]}-${WORDS[Math.floor(i / WORDS.length) % WORDS.length]}-${i}`;
      channels.push({
        id: newId(), create_at: now, update_at: now, delete_at: 0, team_id: teamId, type: 'O', display_name: name.replace(/-/g, ' '),
        name, header: '', purpose: '', last_post_at: now, last_root_post_at: now, total_msg_count: 0, total_msg_count_root: 0,
        extra_update_at: 0, creator_id: '', scheme_id: '', group_constrained: false, shared: false, props: {}, policy_id: null,
      });
    }
    await db.transaction().execute(async (trx) => {
      for (let i = 0; i < channels.length; i += 50) await trx.insertInto('channels').values(channels.slice(i, i + 50).map(fromChannel)).execute();
    });
    progress('directory channels', Math.min(CHANNELS, done + batch), CHANNELS);
  }
  await sql`ANALYZE`.execute(db);
}

export async function directorySearchBench(db: Database): Promise<DirectoryResult> {
  const database = await freshDatabase(db);
  const seeder = await Seeder.open(database);
  const teamId = await seeder.team();
  const started = performance.now();
  const [searcher] = await seeder.users(1, teamId, 'searcher');
  await seeder.channel(teamId, [searcher.id]);
  await seedDirectory(seeder, teamId);
  const seedSeconds = (performance.now() - started) / 1000;
  await seeder.close();
  const server = await startServer(database);
  try {
    const queries: [string, string, string, unknown?][] = [
      ['users/autocomplete one letter', 'GET', `/api/v4/users/autocomplete?in_team=${teamId}&name=m&limit=25`],
      ['users/autocomplete "grace.ro"', 'GET', `/api/v4/users/autocomplete?in_team=${teamId}&name=grace.ro&limit=25`],
      ['users/autocomplete rare "oscar.okafor174"', 'GET', `/api/v4/users/autocomplete?in_team=${teamId}&name=oscar.okafor174`],
      ['users/autocomplete no match', 'GET', `/api/v4/users/autocomplete?in_team=${teamId}&name=zzzz`],
      ['users/search "lar" in team', 'POST', '/api/v4/users/search', { term: 'lar', team_id: teamId, limit: 100 }],
      ['users/search "nina" everyone', 'POST', '/api/v4/users/search', { term: 'nina', limit: 100 }],
      ['channels autocomplete "sec"', 'GET', `/api/v4/teams/${teamId}/channels/autocomplete?name=sec`],
      ['channels search "design-ops"', 'POST', `/api/v4/teams/${teamId}/channels/search`, { term: 'design-ops' }],
    ];
    const out: DirectoryQuery[] = [];
    for (const [label, method, path, body] of queries) {
      const samples: number[] = [];
      let results = 0;
      for (let i = 0; i < REPEATS; i++) {
        const t = performance.now();
        const r = await call(server.url, method, path, searcher.token, body);
        samples.push(performance.now() - t);
        if (r.status !== 200) throw new Error(`${label}: HTTP ${r.status} ${r.body.slice(0, 200)}`);
        const parsed = JSON.parse(r.body) as unknown;
        results = Array.isArray(parsed) ? parsed.length : (parsed as { users?: unknown[] }).users?.length ?? 0;
      }
      out.push({ label, p50: percentile(samples, 50), p99: percentile(samples, 99), results });
    }
    return { users: USERS, channels: CHANNELS, seedSeconds, queries: out };
  } finally {
    await server.stop();
    await database.drop();
  }
}
