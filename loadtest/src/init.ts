import { HttpClient, RequestFailed } from './client/http.js';
import { login, type Session } from './client/login.js';
import { chunks, forEachConcurrent } from './concurrency.js';
import { Progress } from './report/progress.js';
import { Stats } from './report/stats.js';
import { planPopulation, TEAM_NAMES, username, type PlannedChannel } from './simulation/population.js';

// `init`: creates (or completes) the population `run` expects, through the
// public API only. Every step looks before it creates, so re-running it adds
// only what is missing.

export interface InitOptions {
  url: string;
  users: number;
  seed: number;
  adminUser: string;
  adminPassword: string;
  password: string;
  /** Requests in flight at once (user creation is an argon2 hash each on the server). */
  concurrency: number;
  timeoutMs: number;
  out: (line: string) => void;
}

export interface InitSummary {
  usersCreated: number;
  channelsCreated: number;
  postsCreated: number;
  seconds: number;
}

interface Named {
  id: string;
  username: string;
}

const isNotFound = (err: unknown): boolean => err instanceof RequestFailed && err.status === 404;

export async function init(options: InitOptions): Promise<InitSummary> {
  const started = Date.now();
  const http = new HttpClient({ url: options.url, timeoutMs: options.timeoutMs, maxSockets: options.concurrency * 4 }, new Stats());
  try {
    const admin = await adminSession(http, options);
    const plan = planPopulation(options.users, options.seed);
    const teamIds = await ensureTeams(http, admin);
    const { ids: userIds, created: usersCreated } = await ensureUsers(http, admin, options);
    await joinTeams(http, admin, teamIds, userIds, options);
    const { created: channelsCreated, posts: postsCreated } = await ensureChannels(http, admin, teamIds, userIds, plan.channels, options);
    await ensureDirectMessages(http, admin, userIds, plan.directPairs, options);
    const summary = { usersCreated, channelsCreated, postsCreated, seconds: (Date.now() - started) / 1000 };
    options.out(`init done in ${summary.seconds.toFixed(0)} s: ${usersCreated} users, ${channelsCreated} channels and ${postsCreated} posts created`);
    return summary;
  } finally {
    http.close();
  }
}

/** Logs the admin in; on a server without accounts, signs it up first (the first account becomes the system admin). */
async function adminSession(http: HttpClient, options: InitOptions): Promise<Session> {
  try {
    return await login(http, options.adminUser, options.adminPassword);
  } catch (err) {
    if (!(err instanceof RequestFailed) || err.status >= 500) throw err;
    await http.call('POST', '/users', '', { username: options.adminUser, email: `${options.adminUser}@loadtest.invalid`, password: options.adminPassword });
    options.out(`created the first account, ${options.adminUser}`);
    return login(http, options.adminUser, options.adminPassword);
  }
}

async function ensureTeams(http: HttpClient, admin: Session): Promise<string[]> {
  const ids: string[] = [];
  for (const [i, name] of TEAM_NAMES.entries()) {
    try {
      ids.push((JSON.parse((await http.call('GET', `/teams/name/${name}`, admin.token)).body) as Named).id);
    } catch (err) {
      if (!isNotFound(err)) throw err;
      const created = await http.call('POST', '/teams', admin.token, { name, display_name: `Load test ${i + 1}`, type: 'O' });
      ids.push((JSON.parse(created.body) as Named).id);
    }
  }
  return ids;
}

async function ensureUsers(http: HttpClient, admin: Session, options: InitOptions): Promise<{ ids: string[]; created: number }> {
  const names = Array.from({ length: options.users }, (_, i) => username(i));
  const ids = new Map<string, string>();
  for (const batch of chunks(names, 200)) {
    const found = JSON.parse((await http.call('POST', '/users/usernames', admin.token, batch)).body) as Named[];
    for (const user of found) ids.set(user.username, user.id);
  }
  const missing = names.filter((name) => !ids.has(name));
  if (missing.length > 0) {
    const progress = new Progress('users', missing.length, options.out);
    await forEachConcurrent(missing, options.concurrency, async (name) => {
      const created = await http.call('POST', '/users', admin.token, { username: name, email: `${name}@loadtest.invalid`, password: options.password });
      ids.set(name, (JSON.parse(created.body) as Named).id);
      progress.add();
    });
  }
  return { ids: names.map((name) => ids.get(name) ?? ''), created: missing.length };
}

/** Adding an existing member changes nothing, so every user is (re)added in batches. */
async function joinTeams(http: HttpClient, admin: Session, teamIds: string[], userIds: string[], options: InitOptions): Promise<void> {
  const batches = teamIds.flatMap((teamId) => chunks(userIds, 256).map((batch) => ({ teamId, batch })));
  const progress = new Progress('team members', teamIds.length * userIds.length, options.out);
  await forEachConcurrent(batches, 2, async ({ teamId, batch }) => {
    await http.call('POST', `/teams/${teamId}/members/batch`, admin.token, batch.map((user_id) => ({ team_id: teamId, user_id })));
    progress.add(batch.length);
  });
}

async function ensureChannels(
  http: HttpClient, admin: Session, teamIds: string[], userIds: string[], planned: PlannedChannel[], options: InitOptions,
): Promise<{ created: number; posts: number }> {
  let created = 0;
  let posts = 0;
  const progress = new Progress('channels', planned.length, options.out);
  // Posting is cheap next to hashing passwords: more channels in flight keep the server busy.
  await forEachConcurrent(planned, options.concurrency * 2, async (plan) => {
    const teamId = teamIds[plan.team];
    let channel: { id: string; total_msg_count: number };
    try {
      channel = JSON.parse((await http.call('GET', `/teams/${teamId}/channels/name/${plan.name}`, admin.token)).body) as typeof channel;
    } catch (err) {
      if (!isNotFound(err)) throw err;
      channel = JSON.parse((await http.call('POST', '/channels', admin.token, { team_id: teamId, name: plan.name, display_name: plan.displayName, type: plan.type })).body) as typeof channel;
      created++;
    }
    const members = plan.members.map((i) => userIds[i]);
    await http.call('POST', `/channels/${channel.id}/members`, admin.token, { user_ids: members });
    const seeded = await seedHistory(http, admin, channel.id, plan.historyPosts - (channel.total_msg_count ?? 0), plan.members);
    posts += seeded;
    progress.add();
  });
  return { created, posts };
}

/**
 * `count` posts: four in five are root posts, the rest answers in their threads that mention a member (so members follow
 * threads), and one in seven gets a reaction. Sent in three waves (roots, replies, reactions) rather than one by one:
 * the history of thousands of channels is most of init's requests.
 */
async function seedHistory(http: HttpClient, admin: Session, channelId: string, count: number, members: number[]): Promise<number> {
  if (count <= 0) return 0;
  const replies = Math.floor(count / 5);
  const post = async (body: object): Promise<string> => (JSON.parse((await http.call('POST', '/posts', admin.token, body)).body) as Named).id;
  const roots = await Promise.all(Array.from({ length: count - replies }, (_, i) =>
    post({ channel_id: channelId, message: `Seeded message ${i}: the quick brown fox jumps over the lazy dog.` })));
  const answers = await Promise.all(Array.from({ length: replies }, (_, i) => {
    const mention = members.length > 0 ? ` @${username(members[i % members.length])}` : '';
    return post({ channel_id: channelId, root_id: roots[(i * 3) % roots.length], message: `Seeded reply ${i}${mention}, following up on that.` });
  }));
  const all = [...roots, ...answers];
  await Promise.all(all.filter((_, i) => i % 7 === 3).map((postId) =>
    http.call('POST', '/reactions', admin.token, { user_id: admin.userId, post_id: postId, emoji_name: 'thumbsup' })));
  return count;
}

async function ensureDirectMessages(http: HttpClient, admin: Session, userIds: string[], pairs: [number, number][], options: InitOptions): Promise<void> {
  const progress = new Progress('direct messages', pairs.length, options.out);
  await forEachConcurrent(pairs, options.concurrency, async ([a, b]) => {
    await http.call('POST', '/channels/direct', admin.token, [userIds[a], userIds[b]]);
    progress.add();
  });
}
