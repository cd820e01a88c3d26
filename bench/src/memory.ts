import { Seeder } from './seed.js';
import { freshDatabase, startServer, type Database } from './server_process.js';
import { openMany } from './sockets.js';
import { progress } from './stats.js';

const SOCKETS = Number(process.env.BENCH_MEMORY_SOCKETS ?? 2000);
const settle = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

export interface MemoryResult {
  sockets: number;
  baselineKiB: number;
  withSocketsKiB: number;
  perSocketKiB: number;
}

/** Server RSS growth per idle authenticated socket (sockets opened, then left idle to settle). */
export async function memoryBench(db: Database): Promise<MemoryResult> {
  const database = await freshDatabase(db);
  const seeder = await Seeder.open(database);
  const teamId = await seeder.team();
  const users = await seeder.users(SOCKETS, teamId, 'memory users');
  await seeder.close();
  const server = await startServer(database);
  // Warm the server (JIT, pools, caches) with a first batch, then measure the rest.
  const warm = await openMany(server.url, users.slice(0, 100).map((u) => u.token), () => {});
  await settle(3000);
  const baselineKiB = server.rssKiB();
  const sockets = await openMany(server.url, users.slice(100).map((u) => u.token), () => {}, (n) => progress('sockets', n, SOCKETS - 100));
  await settle(5000);
  const withSocketsKiB = server.rssKiB();
  for (const s of [...warm, ...sockets]) s.terminate();
  await server.stop();
  await database.drop();
  return { sockets: sockets.length, baselineKiB, withSocketsKiB, perSocketKiB: (withSocketsKiB - baselineKiB) / sockets.length };
}
