import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createPostgresDatabase, DB } from './harness.js';

// The built server (dist/main.js, so `npm run build` first) as its own process, for tests that measure the
// server alone: its memory from /proc, untouched by the test's own clients.

const SERVER_MAIN = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../dist/main.js');

export interface SpawnedServer {
  url: string;
  /** The process started (with PARLEY_WORKERS > 1, the supervisor). */
  pid: number;
  /** Its standard output so far, when started with `captureOutput` (one pino line per log record). */
  output(): string;
  /** Resident memory now, and its peak since the last resetPeak, in KiB. */
  memoryKiB(): { rss: number; peak: number };
  resetPeak(): void;
  /** SIGTERM, then waits for the exit; resolves with the exit code. */
  stop(): Promise<number | null>;
}

export interface SpawnOptions {
  env?: Record<string, string>;
  /** Defaults to this test project's database. */
  database?: 'sqlite' | 'postgres';
  /** Keep stdout for `output()` instead of passing it through. */
  captureOutput?: boolean;
}

/** A TCP port nothing listens on now (the OS picks it). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as net.AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}

/** Starts dist/main.js on a free port with a database of its own and waits for its ping. */
export async function spawnServer({ env = {}, database: kind = DB, captureOutput = false }: SpawnOptions = {}): Promise<SpawnedServer> {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'parley-spawned-'));
  const database = kind === 'postgres' ? await createPostgresDatabase() : undefined;
  const port = await freePort();
  const child: ChildProcess = spawn(process.execPath, [SERVER_MAIN], {
    env: {
      ...process.env, PARLEY_PORT: String(port), PARLEY_HOST: '127.0.0.1', PARLEY_DATA_DIR: dataDir, PARLEY_DATABASE_URL: database?.url ?? '',
      PARLEY_REDIS_URL: '', PARLEY_LOG_LEVEL: 'error', PARLEY_AUTH_RATE_LIMIT_PER_MINUTE: '0', PARLEY_METRICS_LISTEN_ADDRESS: '127.0.0.1:0', ...env,
    },
    stdio: ['ignore', captureOutput ? 'pipe' : 'inherit', 'inherit'],
  });
  let output = '';
  child.stdout?.setEncoding('utf8').on('data', (chunk: string) => {
    output += chunk;
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 20_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}`);
    const up = await fetch(`${url}/api/v4/system/ping`).then((r) => r.ok, () => false);
    if (up) break;
    if (Date.now() > deadline) throw new Error('server did not answer its ping');
    await new Promise((r) => setTimeout(r, 100));
  }
  const status = (field: string): number => Number(new RegExp(`${field}:\\s+(\\d+)`).exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'))?.[1]);
  return {
    url,
    pid: child.pid ?? 0,
    output: () => output,
    memoryKiB: () => ({ rss: status('VmRSS'), peak: status('VmHWM') }),
    // Writing 5 to clear_refs resets the peak resident set size (VmHWM) to the current one.
    resetPeak: () => writeFileSync(`/proc/${child.pid}/clear_refs`, '5'),
    async stop() {
      if (child.exitCode === null) child.kill('SIGTERM');
      const code = await exited;
      await database?.drop();
      rmSync(dataDir, { recursive: true, force: true });
      return code;
    },
  };
}
