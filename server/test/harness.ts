import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Client4 } from '@mattermost/client';
import type { UserProfile } from '@mattermost/types/users';
import pg from 'pg';
import type { OperatorLayer } from '../src/config/document/compose.js';
import { loadSettings } from '../src/config/load.js';
import { dbStatements } from '../src/metrics/registry.js';
import type { Config } from '../src/config/schema.js';
import { newId } from '../src/model/id.js';
import { startParley, type RunningParley } from '../src/parley.js';

export const DB = (process.env.PARLEY_TEST_DB ?? 'sqlite') as 'sqlite' | 'postgres';
const PG_ADMIN_URL = process.env.PARLEY_TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

export interface TestServer extends RunningParley {
  config: Config;
}

export interface TestDatabase {
  url: string;
  drop(): Promise<void>;
}

/** One statement on the PostgreSQL server as its admin, on a connection of its own. */
async function adminQuery<R extends pg.QueryResultRow>(text: string, values: unknown[] = []): Promise<R[]> {
  const admin = new pg.Client({ connectionString: PG_ADMIN_URL });
  await admin.connect();
  try {
    return (await admin.query<R>(text, values)).rows;
  } finally {
    await admin.end();
  }
}

/** A fresh, empty PostgreSQL database. */
export async function createPostgresDatabase(): Promise<TestDatabase> {
  const name = `parley_test_${newId()}`;
  await adminQuery(`CREATE DATABASE ${name}`);
  const url = new URL(PG_ADMIN_URL);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async drop() {
      await adminQuery(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    },
  };
}

/** Connections PostgreSQL has open to the database at `databaseUrl`, whatever their state. */
export async function postgresConnectionCount(databaseUrl: string): Promise<number> {
  const [{ count }] = await adminQuery<{ count: number }>('SELECT count(*)::int AS count FROM pg_stat_activity WHERE datname = $1', [new URL(databaseUrl).pathname.slice(1)]);
  return count;
}

/** Statements this process's servers have sent to PostgreSQL (`parley_db_statements_total`; SQLite sends none). */
export async function statementsSent(): Promise<number> {
  return (await dbStatements.get()).values[0]?.value ?? 0;
}

/**
 * A real Parley server on an ephemeral port with a database of its own: a
 * temp SQLite folder, or a fresh PostgreSQL database dropped afterwards.
 * With `overrides.databaseUrl` it uses that database and leaves it to the
 * caller (several nodes of one cluster share it).
 */
export async function startTestServer(overrides: Partial<Config> = {}, env: NodeJS.ProcessEnv = {}): Promise<TestServer> {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'parley-test-'));
  let databaseUrl = '';
  let dropDatabase = async (): Promise<void> => {};
  if (DB === 'postgres' && !overrides.databaseUrl) {
    const database = await createPostgresDatabase();
    databaseUrl = database.url;
    dropDatabase = () => database.drop();
  }
  // Tests sign up and log in many users from one address, and run many servers at once: no auth limit, metrics on a free port.
  // `env` plays the server's environment: the settings it holds are locked against the config API.
  const read = (): { base: Config; operator: OperatorLayer } => {
    const { flat, operator } = loadSettings(env, {
      port: 0, host: '127.0.0.1', dataDir, databaseUrl, logLevel: 'silent', authRateLimitPerMinute: 0, metricsListenAddress: '127.0.0.1:0', ...overrides,
    });
    return { base: flat, operator };
  };
  const sources = read();
  const running = await startParley(sources.base, { ...sources, reread: read });
  return {
    ...running,
    config: running.app.config,
    async close() {
      await running.close();
      await dropDatabase();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

let counter = 0;
export const unique = (prefix: string): string => `${prefix}${Date.now().toString(36)}${(counter++).toString(36)}${Math.floor(Math.random() * 1e4)}`;

export function newClient(server: { url: string }): Client4 {
  const client = new Client4();
  client.setUrl(server.url);
  client.setIncludeCookies(false);
  return client;
}

export interface TestUser {
  client: Client4;
  user: UserProfile;
  password: string;
  token: string;
}

/** Signs up a new user with a unique name and logs in with the official client. */
export async function createUser(server: { url: string }, prefix = 'user'): Promise<TestUser> {
  const client = newClient(server);
  const username = unique(prefix).toLowerCase().slice(0, 22);
  const password = 'correct-horse-battery';
  await client.createUser({ username, email: `${username}@example.com`, password } as UserProfile, '', '');
  const user = await client.login(username, password);
  return { client, user, password, token: client.getToken() };
}

/** Raw HTTP for hostile and error-path requests the official client would never send. */
export async function raw(server: { url: string }, method: string, pathname: string, options: { token?: string; body?: string | object; headers?: Record<string, string> } = {}): Promise<{ status: number; body: any; headers: Headers }> {
  const headers: Record<string, string> = { ...options.headers };
  if (options.token) headers.Authorization = `Bearer ${options.token}`;
  let body: string | undefined;
  if (options.body !== undefined) {
    body = typeof options.body === 'string' ? options.body : JSON.stringify(options.body);
    headers['Content-Type'] ??= 'application/json';
  }
  const response = await fetch(`${server.url}/api/v4${pathname}`, { method, headers, body });
  const text = await response.text();
  let parsed: unknown = text;
  try {
    parsed = JSON.parse(text);
  } catch {
    // Non-JSON bodies (images, plain text) are returned as text.
  }
  return { status: response.status, body: parsed, headers: response.headers };
}
