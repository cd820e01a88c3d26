import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';

const require = createRequire(import.meta.url);
const SERVER_MAIN = require.resolve('@parley/server/dist/main.js');
export const PG_ADMIN_URL = process.env.PARLEY_TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

export type Database = 'sqlite' | 'postgres';

export interface BenchServer {
  url: string;
  pid: number;
  dataDir: string;
  databaseUrl: string;
  rssKiB(): number;
  /** CPU time the server process has used so far (user + system). */
  cpuSeconds(): number;
  stop(): Promise<void>;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as net.AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}

/** An empty database for one benchmark: a temp SQLite folder or a new PostgreSQL database. */
export async function freshDatabase(db: Database): Promise<{ dataDir: string; databaseUrl: string; drop(): Promise<void> }> {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'parley-bench-'));
  if (db === 'sqlite') return { dataDir, databaseUrl: '', drop: async () => rmSync(dataDir, { recursive: true, force: true }) };
  const name = `parley_bench_${Date.now()}_${Math.floor(Math.random() * 1e6)}`;
  const admin = new pg.Client({ connectionString: PG_ADMIN_URL });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(PG_ADMIN_URL);
  url.pathname = `/${name}`;
  return {
    dataDir, databaseUrl: url.toString(),
    async drop() {
      const c = new pg.Client({ connectionString: PG_ADMIN_URL });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Starts the built server as its own process (as in production) and waits for it to answer. */
export async function startServer(database: { dataDir: string; databaseUrl: string }, extraEnv: Record<string, string> = {}): Promise<BenchServer> {
  const port = await freePort();
  const child: ChildProcess = spawn(process.execPath, [...(process.env.BENCH_SERVER_NODE_ARGS ?? "").split(" ").filter(Boolean), SERVER_MAIN], {
    env: {
      ...process.env, PARLEY_PORT: String(port), PARLEY_HOST: '127.0.0.1', PARLEY_DATA_DIR: database.dataDir,
      PARLEY_DATABASE_URL: database.databaseUrl, PARLEY_LOG_LEVEL: 'error',
      // Benchmarks log thousands of users in from one address; metrics on a free port, not 8067.
      PARLEY_AUTH_RATE_LIMIT_PER_MINUTE: '0', PARLEY_METRICS_LISTEN_ADDRESS: '127.0.0.1:0', ...extraEnv,
    },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 30_000;
  for (;;) {
    try {
      const response = await fetch(`${url}/api/v4/system/ping`);
      if (response.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline || child.exitCode !== null) throw new Error('bench server did not start');
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    url, pid: child.pid ?? 0, ...database,
    rssKiB() {
      const status = readFileSync(`/proc/${child.pid}/status`, 'utf8');
      return Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? NaN);
    },
    cpuSeconds() {
      // Fields 14 and 15 of /proc/PID/stat (after the parenthesised name): user and system time in clock ticks (100 Hz).
      const fields = readFileSync(`/proc/${child.pid}/stat`, 'utf8').split(') ')[1].split(' ');
      return (Number(fields[11]) + Number(fields[12])) / 100;
    },
    async stop() {
      if (child.exitCode !== null) return;
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      await exited;
    },
  };
}
