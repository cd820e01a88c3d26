import { init, run } from '@parley/loadtest';
import Database from 'better-sqlite3';
import { CompiledQuery, sql, type Kysely } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SqlStore } from '../../src/store/sql/store.js';
import { DB, startTestServer, type TestServer } from '../harness.js';

// Every statement that simulated users make the server run is answered from indexes: no scan of a table that grows
// with the organisation and, on SQLite, no index built for one call. A statement that got this wrong (team unreads:
// SQLite built an automatic index over every membership, 387 ms a call at 14,000 users) was caught only by a load run.
// Plans here come from the planner alone: SQLite has no statistics, and PostgreSQL is told to avoid sequential scans,
// so a scan it still chooses is one no index can serve.

/** Tables that grow with users, channels or messages. */
const GROWING = new Set([
  'posts', 'channel_members', 'channels', 'team_members', 'users', 'sessions', 'preferences', 'reactions', 'threads',
  'thread_memberships', 'sidebar_categories', 'sidebar_channels', 'statuses', 'file_infos', 'post_edits',
  'post_reminders', 'post_search', 'audits',
]);

/** A statement the server ran, and how to ask the planner about it with the same parameters. */
interface Statement {
  text: string;
  /** The plan's lines that read a growing table whole (or build an index for the call). */
  fullReads(): Promise<string[]>;
}

/** Records the statements the server's driver runs while `recording` is set (the server runs in this process). */
class StatementRecorder {
  recording = false;
  readonly statements = new Map<string, Statement>();

  constructor(private readonly db: Kysely<unknown>) {}

  install(): () => void {
    const keep = (text: string, fullReads: () => Promise<string[]>): void => {
      if (this.recording && /^\s*(select|with|update|delete|insert)\b/i.test(text) && !this.statements.has(text)) {
        this.statements.set(text, { text, fullReads });
      }
    };
    if (DB === 'sqlite') {
      const probe = new Database(':memory:');
      const prototype = Object.getPrototypeOf(probe.prepare('SELECT 1')) as Record<string, (...args: unknown[]) => unknown>;
      probe.close();
      const originals = (['all', 'get', 'run', 'iterate'] as const).map((name) => [name, prototype[name]] as const);
      for (const [name, original] of originals) {
        prototype[name] = function (this: { source: string; database: Database.Database }, ...args: unknown[]) {
          keep(this.source, async () => sqliteFullReads(this.database, this.source, this.database.prepare(`EXPLAIN QUERY PLAN ${this.source}`).all(...args) as { detail: string }[]));
          return original.apply(this, args);
        };
      }
      return () => originals.forEach(([name, original]) => { prototype[name] = original; });
    }
    const db = this.db;
    const prototype = pg.Client.prototype as unknown as { query: (...args: unknown[]) => unknown };
    const original = prototype.query;
    prototype.query = function (this: unknown, ...args: unknown[]) {
      // The store names its statements, so it passes { name, text, values }.
      const config = args[0] as { text?: unknown; values?: unknown };
      const text = config.text;
      if (typeof text === 'string') keep(text, () => postgresFullReads(db, text, Array.isArray(config.values) ? config.values : []));
      return original.apply(this, args);
    };
    return () => { prototype.query = original; };
  }
}

/** A scan of a partial index reads only the rows it was made for (deactivated users, say), not the table. */
/**
 * SQLite names a table by its alias in the plan (`SCAN tm`), so the statement's `table as alias` pairs say which
 * table that is.
 */
function sqliteFullReads(database: Database.Database, text: string, plan: { detail: string }[]): string[] {
  const tables = new Map([...text.matchAll(/"?(\w+)"? as "?(\w+)"?/gi)].map(([, table, alias]) => [alias, table]));
  const partial = (index: string): boolean =>
    / WHERE /i.test((database.prepare('SELECT sql FROM sqlite_master WHERE name = ?').get(index) as { sql?: string } | undefined)?.sql ?? '');
  return plan.map((row) => row.detail).filter((detail) => {
    if (/AUTOMATIC/.test(detail)) return true;
    const [, scanned, index] = /^SCAN (\w+)(?: USING (?:COVERING )?INDEX (\w+))?/.exec(detail) ?? [];
    return scanned !== undefined && GROWING.has(tables.get(scanned) ?? scanned) && !(index !== undefined && partial(index));
  });
}

async function postgresFullReads(db: Kysely<unknown>, text: string, parameters: unknown[]): Promise<string[]> {
  return db.connection().execute(async (connection) => {
    await sql`SET enable_seqscan = off`.execute(connection);
    try {
      const { rows } = await connection.executeQuery<{ 'QUERY PLAN': string }>(CompiledQuery.raw(`EXPLAIN ${text}`, parameters));
      return rows.map((row) => row['QUERY PLAN']).filter((line) => {
        const scanned = /Seq Scan on (\w+)/.exec(line)?.[1];
        return scanned !== undefined && GROWING.has(scanned);
      });
    } finally {
      await sql`RESET enable_seqscan`.execute(connection);
    }
  });
}

const USERS = 24;
const PASSWORD = 'LoadTest-Passw0rd!';
let server: TestServer;
let recorder: StatementRecorder;
let uninstall: () => void = () => undefined;
beforeAll(async () => {
  server = await startTestServer();
  await init({
    url: server.url, users: USERS, seed: 3, adminUser: 'lt-admin', adminPassword: 'LoadTest-Admin-Passw0rd!', password: PASSWORD,
    concurrency: 4, timeoutMs: 60_000, out: () => undefined,
  });
  recorder = new StatementRecorder((server.app.deps.store as SqlStore).db as unknown as Kysely<unknown>);
  uninstall = recorder.install();
}, 120_000);
afterAll(async () => {
  uninstall();
  await server?.close();
});

describe('query plans of what simulated users do', () => {
  it('read growing tables through indexes only', async () => {
    recorder.recording = true;
    const report = await run({
      url: server.url, password: PASSWORD, seed: 3, users: USERS, ramp: 24, durationSeconds: 12, thinkMeanMs: 150,
      statusPollMs: 1_000, timeoutMs: 10_000, maxSockets: 32, workers: 1, statusIntervalMs: 60_000, out: () => undefined,
    });
    recorder.recording = false;
    // Enough of the session to matter: every kind of action ran.
    expect(report.counters.postsCreated).toBeGreaterThan(0);
    expect(report.routes.length).toBeGreaterThanOrEqual(15);
    expect(recorder.statements.size).toBeGreaterThan(40);

    const offenders: { statement: string; plan: string[] }[] = [];
    for (const statement of recorder.statements.values()) {
      const plan = await statement.fullReads();
      if (plan.length > 0) offenders.push({ statement: statement.text, plan });
    }
    expect(offenders).toEqual([]);
  }, 120_000);
});
