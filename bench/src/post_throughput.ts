import { newId } from '@parley/server/dist/model/id.js';
import type { PostRecord } from '@parley/server/dist/model/types.js';
import { fromPost } from '@parley/server/dist/store/sql/rows.js';
import { call } from './http.js';
import { Seeder, type SeededUser } from './seed.js';
import { freshDatabase, startServer, type Database } from './server_process.js';

const CLIENTS = 16;
const SECONDS = Number(process.env.BENCH_THROUGHPUT_SECONDS ?? 8);

export interface ThroughputResult {
  httpPostsPerSecond: number;
  rawInsertsPerSecond: number;
  ratio: number;
  /** The store's whole post write (row, channel totals, author's read state, one mention), called directly. */
  storeWritesPerSecond: number;
  /** The server process's CPU time per post in the HTTP run, in microseconds: steadier than rates on a shared machine. */
  serverCpuMicrosPerPost: number;
  errors: number;
}

const benchPost = (channelId: string, userId: string): PostRecord => {
  const now = Date.now();
  return {
    id: newId(), create_at: now, update_at: now, edit_at: 0, delete_at: 0, is_pinned: false, user_id: userId,
    channel_id: channelId, root_id: '', original_id: '', message: 'raw insert benchmark message', type: '', props: {},
    hashtags: '', file_ids: [], pending_post_id: '', has_reactions: false,
  };
};

/** 16 concurrent writers for SECONDS, each running `write(its index)` back to back; writes per second. */
async function rate(write: (writer: number) => Promise<unknown>): Promise<number> {
  let count = 0;
  const until = Date.now() + SECONDS * 1000;
  await Promise.all(Array.from({ length: CLIENTS }, async (_, writer) => {
    while (Date.now() < until) {
      await write(writer);
      count++;
    }
  }));
  return count / SECONDS;
}

/** Raw rate: the same post rows, one single-row insert (its own transaction) each, through the driver. */
const rawInsertRate = (seeder: Seeder, channelId: string, userId: string): Promise<number> =>
  rate(() => seeder.store.db.insertInto('posts').values(fromPost(benchPost(channelId, userId))).execute());

/**
 * The write a post makes, without HTTP, auth or reads: the store's atomic post write (the row, the channel
 * totals, the author's read state and one mention), each writer in its own channel as the HTTP clients are,
 * so the HTTP rate can also be read against its own write.
 */
const storeWriteRate = (seeder: Seeder, channels: readonly string[], users: readonly SeededUser[]): Promise<number> =>
  rate((i) => seeder.store.posts.create(benchPost(channels[i], users[i * 4].id), [users[i * 4 + 1].id]));

export async function postThroughput(db: Database): Promise<ThroughputResult> {
  const database = await freshDatabase(db);
  const seeder = await Seeder.open(database);
  const teamId = await seeder.team();
  const users = await seeder.users(CLIENTS * 4, teamId, 'throughput users');
  const channels: string[] = [];
  for (let i = 0; i < CLIENTS; i++) channels.push(await seeder.channel(teamId, users.slice(i * 4, i * 4 + 4).map((u) => u.id)));
  const rawChannel = await seeder.channel(teamId, [users[0].id]);
  const rawInsertsPerSecond = await rawInsertRate(seeder, rawChannel, users[0].id);
  await seeder.close();

  const server = await startServer(database);
  let posted = 0;
  let errors = 0;
  const run = async (seconds: number, count: boolean): Promise<void> => {
    const until = Date.now() + seconds * 1000;
    await Promise.all(Array.from({ length: CLIENTS }, async (_, i) => {
      const user = users[i * 4];
      while (Date.now() < until) {
        const res = await call(server.url, 'POST', '/api/v4/posts', user.token, { channel_id: channels[i], message: `benchmark post from client ${i} @${users[i * 4 + 1].username}` });
        if (!count) continue;
        if (res.status === 201) posted++;
        else errors++;
      }
    }));
  };
  await run(1, false);
  const cpuBefore = server.cpuSeconds();
  await run(SECONDS, true);
  const serverCpuMicrosPerPost = ((server.cpuSeconds() - cpuBefore) / posted) * 1e6;
  await server.stop();
  // Last, so its rows do not weigh on the HTTP run.
  const writer = await Seeder.open(database);
  const storeWritesPerSecond = await storeWriteRate(writer, channels, users);
  await writer.close();
  await database.drop();
  const httpPostsPerSecond = posted / SECONDS;
  return { httpPostsPerSecond, rawInsertsPerSecond, ratio: httpPostsPerSecond / rawInsertsPerSecond, storeWritesPerSecond, serverCpuMicrosPerPost, errors };
}
