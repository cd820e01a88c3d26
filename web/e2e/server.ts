import { Client4 } from '@mattermost/client';
import type { Team } from '@mattermost/types/teams';
import type { UserProfile } from '@mattermost/types/users';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

export interface RunningServer {
  url: string;
  stop: () => Promise<void>;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const address = srv.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

async function waitForPing(url: string, child: ChildProcess, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`parley exited early with code ${child.exitCode}`);
    try {
      const res = await fetch(`${url}/api/v4/system/ping`);
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('parley did not answer /api/v4/system/ping in time');
}

/** Starts the real Parley server (server/dist) on a free port with a fresh data directory, serving web/dist. */
export async function startServer(options: { webDir?: string } = {}): Promise<RunningServer> {
  const port = await freePort();
  const dataDir = mkdtempSync(path.join(tmpdir(), 'parley-web-e2e-'));
  const url = `http://127.0.0.1:${port}`;
  const child = spawn(process.execPath, [path.join(repoRoot, 'server/dist/main.js')], {
    env: {
      ...process.env,
      PARLEY_PORT: String(port),
      PARLEY_HOST: '127.0.0.1',
      PARLEY_DATA_DIR: dataDir,
      // PARLEY_E2E_WEB_DIR: a private build, when others rebuild web/dist while the tests run.
      PARLEY_WEB_DIR: options.webDir ?? process.env.PARLEY_E2E_WEB_DIR ?? path.join(repoRoot, 'web/dist'),
      PARLEY_LOG_LEVEL: 'warn',
      PARLEY_DATABASE_URL: '',
      PARLEY_REDIS_URL: '',
      // Many logins from one address in a run, and several servers at once.
      PARLEY_AUTH_RATE_LIMIT_PER_MINUTE: '0',
      PARLEY_METRICS_ENABLE: 'false',
      // Tests post links to example.com; the server must never fetch their previews from the internet.
      MM_SERVICESETTINGS_RESTRICTLINKPREVIEWS: 'example.com',
    },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  try {
    // Generous: with several test runs sharing two cores a cold start has taken over 20 s.
    await waitForPing(url, child, 45_000);
  } catch (err) {
    // Without this the server outlives the failed test run and slows every later one down.
    child.kill('SIGKILL');
    rmSync(dataDir, { recursive: true, force: true });
    throw err;
  }
  return {
    url,
    stop: async () => {
      if (child.exitCode === null) {
        const exited = new Promise((r) => child.once('exit', r));
        child.kill('SIGTERM');
        await Promise.race([exited, new Promise((r) => setTimeout(r, 5000))]);
        if (child.exitCode === null) child.kill('SIGKILL');
      }
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** An official client for the server, with a token rather than cookies (each test user signs in with their own). */
export function apiClient(server: { url: string }): Client4 {
  const api = new Client4();
  api.setUrl(server.url);
  api.setIncludeCookies(false);
  return api;
}

/**
 * The usual world of a browser test: `root` (the first account, so the admin), an open team, and `members` in it, all
 * with one password. Returns the admin's client and the team.
 */
export async function seedTeam(server: { url: string }, name: string, members: readonly string[], password: string): Promise<{ admin: Client4; team: Team }> {
  const admin = apiClient(server);
  await admin.createUser({ username: 'root', email: 'root@example.com', password } as UserProfile, '', '');
  await admin.login('root', password);
  const team = await admin.createTeam({ name, display_name: 'Acme', type: 'O' } as Team);
  for (const username of members) {
    const user = await admin.createUser({ username, email: `${username}@example.com`, password } as UserProfile, '', '');
    await admin.addToTeam(team.id, user.id);
  }
  return { admin, team };
}
