import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
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
  /** Resident memory of the server: with PARLEY_WORKERS > 1, the supervisor's and its workers' together. */
  rssKiB(): number;
  /** CPU time the server has used so far (user + system), its workers' included. */
  cpuSeconds(): number;
  stop(): Promise<void>;
}

export async function freePort(): Promise<number> {
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

/** The process and its children (a supervisor's workers); children whose parent is `pid`, from /proc. */
function processTree(pid: number): number[] {
  const children = readdirSync('/proc').filter((name) => /^\d+$/.test(name)).filter((name) => {
    try {
      return readFileSync(`/proc/${name}/stat`, 'utf8').split(') ')[1].split(' ')[1] === String(pid);
    } catch {
      return false; // gone meanwhile
    }
  }).map(Number);
  return [pid, ...children];
}

/** Fields of /proc/PID/stat after the parenthesised name; a process that exited meanwhile counts nothing. */
function statFields(pid: number): string[] | undefined {
  try {
    return readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  } catch {
    return undefined;
  }
}

/** With several workers, the supervisor's /metrics says how many are listening; waits for all of them. */
async function waitForWorkers(metricsPort: number, workers: number, deadline: number): Promise<void> {
  for (;;) {
    const text = await fetch(`http://127.0.0.1:${metricsPort}/metrics`).then((r) => r.text(), () => '');
    if (Number(/^parley_workers_listening (\d+)/m.exec(text)?.[1]) >= workers) return;
    if (Date.now() > deadline) throw new Error('bench server workers did not all start');
    await new Promise((r) => setTimeout(r, 100));
  }
}

/**
 * Starts the built server as its own process (as in production) and waits for it to answer. PARLEY_WORKERS in the
 * environment (or `extraEnv`) passes through, so `PARLEY_WORKERS=2 npm run bench` measures two workers.
 */
export async function startServer(database: { dataDir: string; databaseUrl: string }, extraEnv: Record<string, string> = {}): Promise<BenchServer> {
  const port = await freePort();
  const metricsPort = await freePort();
  const workers = Number(extraEnv.PARLEY_WORKERS ?? process.env.PARLEY_WORKERS ?? 1);
  const child: ChildProcess = spawn(process.execPath, [...(process.env.BENCH_SERVER_NODE_ARGS ?? "").split(" ").filter(Boolean), SERVER_MAIN], {
    env: {
      ...process.env, PARLEY_PORT: String(port), PARLEY_HOST: '127.0.0.1', PARLEY_DATA_DIR: database.dataDir,
      PARLEY_DATABASE_URL: database.databaseUrl, PARLEY_LOG_LEVEL: 'error',
      // Benchmarks log thousands of users in from one address; metrics on a free port, not 8067.
      PARLEY_AUTH_RATE_LIMIT_PER_MINUTE: '0', PARLEY_METRICS_LISTEN_ADDRESS: `127.0.0.1:${metricsPort}`, ...extraEnv,
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
  if (workers > 1) await waitForWorkers(metricsPort, workers, deadline);
  const pid = child.pid ?? 0;
  return {
    url, pid, ...database,
    rssKiB() {
      // Field 24 of /proc/PID/stat: resident pages (4 KiB).
      return processTree(pid).reduce((sum, each) => sum + Number(statFields(each)?.[21] ?? 0) * 4, 0);
    },
    cpuSeconds() {
      // Fields 14 and 15 of /proc/PID/stat: user and system time in clock ticks (100 Hz). A worker that was
      // replaced takes its time with it; benchmarks do not kill workers.
      return processTree(pid).reduce((sum, each) => {
        const fields = statFields(each);
        return sum + (fields ? Number(fields[11]) + Number(fields[12]) : 0);
      }, 0) / 100;
    },
    async stop() {
      if (child.exitCode !== null) return;
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      await exited;
    },
  };
}
