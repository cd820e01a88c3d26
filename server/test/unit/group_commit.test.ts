import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { Kysely, sql, SqliteDialect } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { GroupCommit } from '../../src/store/sql/group_commit.js';
import type { Database } from '../../src/store/sql/schema.js';
import { SqliteDirect } from '../../src/store/sql/sqlite_direct.js';

// Group commit on a real SQLite file: concurrent transactions share one
// commit, a failing one is rolled back alone, and nobody hears back before
// their writes are committed.

interface Scratch { kv: { k: string; v: number } }

let dir: string;
let file: string;
let db: Kysely<Scratch>;
let direct: SqliteDirect;
let commits: number;

beforeEach(async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'parley-group-commit-'));
  file = path.join(dir, 'test.db');
  const database = new SQLite(file);
  database.pragma('journal_mode = WAL');
  direct = new SqliteDirect(database);
  commits = 0;
  db = new Kysely<Scratch>({
    dialect: new SqliteDialect({ database }),
    log: (event) => {
      if (event.level === 'query' && /^commit$/i.test(event.query.sql.trim())) commits++;
    },
  });
  await sql`CREATE TABLE kv (k TEXT PRIMARY KEY, v INTEGER NOT NULL)`.execute(db);
});

afterEach(async () => {
  await db.destroy();
  rmSync(dir, { recursive: true, force: true });
});

const groupCommit = (): GroupCommit => new GroupCommit(db as unknown as Kysely<Database>, direct);
const scratch = (trx: unknown): Kysely<Scratch> => trx as Kysely<Scratch>;

/** What another connection (another process, after a crash) would see. */
function committedKeys(): string[] {
  const reader = new SQLite(file, { readonly: true });
  try {
    return (reader.prepare('SELECT k FROM kv ORDER BY k').all() as { k: string }[]).map((r) => r.k);
  } finally {
    reader.close();
  }
}

describe('GroupCommit', () => {
  it('runs concurrent transactions under one commit and answers each with its own result', async () => {
    const group = groupCommit();
    const results = await Promise.all(Array.from({ length: 10 }, (_, i) => group.run(async (trx) => {
      await scratch(trx).insertInto('kv').values({ k: `key${i}`, v: i }).execute();
      return i * 2;
    })));
    expect(results).toEqual(Array.from({ length: 10 }, (_, i) => i * 2));
    expect(committedKeys()).toHaveLength(10);
    expect(commits).toBeGreaterThan(0);
    expect(commits).toBeLessThan(10);
  });

  it('rolls back only the transaction that failed and rejects only its caller', async () => {
    const group = groupCommit();
    const outcomes = await Promise.allSettled(Array.from({ length: 5 }, (_, i) => group.run(async (trx) => {
      await scratch(trx).insertInto('kv').values({ k: `key${i}`, v: i }).execute();
      if (i === 2) throw new Error('work 2 failed after writing');
      return i;
    })));
    expect(outcomes.map((o) => o.status)).toEqual(['fulfilled', 'fulfilled', 'rejected', 'fulfilled', 'fulfilled']);
    expect((outcomes[2] as PromiseRejectedResult).reason).toMatchObject({ message: 'work 2 failed after writing' });
    expect(committedKeys()).toEqual(['key0', 'key1', 'key3', 'key4']);
  });

  it('isolates a constraint violation inside a batch', async () => {
    const group = groupCommit();
    await group.run((trx) => scratch(trx).insertInto('kv').values({ k: 'taken', v: 0 }).execute());
    const outcomes = await Promise.allSettled([
      group.run((trx) => scratch(trx).insertInto('kv').values({ k: 'a', v: 1 }).execute()),
      group.run((trx) => scratch(trx).insertInto('kv').values({ k: 'taken', v: 2 }).execute()),
      group.run((trx) => scratch(trx).insertInto('kv').values({ k: 'b', v: 3 }).execute()),
    ]);
    expect(outcomes.map((o) => o.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect(committedKeys()).toEqual(['a', 'b', 'taken']);
  });

  it('answers a caller only once its writes are committed', async () => {
    const group = groupCommit();
    const seenAtResolve: string[][] = [];
    await Promise.all(['x', 'y', 'z'].map((k) => group.run(async (trx) => {
      await scratch(trx).insertInto('kv').values({ k, v: 1 }).execute();
    }).then(() => seenAtResolve.push(committedKeys()))));
    for (const seen of seenAtResolve) expect(seen).toEqual(['x', 'y', 'z']);
  });

  it('keeps going after a batch: later transactions form new batches', async () => {
    const group = groupCommit();
    for (let round = 0; round < 3; round++) {
      await Promise.all([0, 1, 2].map((i) => group.run((trx) => scratch(trx).insertInto('kv').values({ k: `r${round}i${i}`, v: i }).execute())));
    }
    expect(committedKeys()).toHaveLength(9);
  });
});
