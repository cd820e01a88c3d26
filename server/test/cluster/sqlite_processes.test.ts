import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { connect, type Connection } from '../../src/store/sql/connect.js';

// Several worker processes share one SQLite file. A second connection to the file stands in for another process:
// what it can and cannot do while the store is inside a transaction is what another worker would see.

let dir: string;
let store: Connection;
let otherProcess: SQLite.Database;

beforeEach(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'parley-processes-'));
  store = connect({ dataDir: dir, walCheckpointer: false });
  otherProcess = new SQLite(path.join(dir, 'parley.db'));
  // No waiting: the test asks whether the lock is free right now.
  otherProcess.pragma('busy_timeout = 0');
});

afterEach(async () => {
  otherProcess.close();
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('SQLite shared by several processes', () => {
  it('takes the write lock when a transaction begins, so a read-then-write transaction cannot lose it to another process', async () => {
    await sql`CREATE TABLE counters (id INTEGER PRIMARY KEY, value INTEGER NOT NULL)`.execute(store.db);
    await sql`INSERT INTO counters VALUES (1, 0)`.execute(store.db);
    let otherWriteDuring: unknown;
    await store.db.transaction().execute(async (trx) => {
      await sql`SELECT value FROM counters WHERE id = 1`.execute(trx);
      // A deferred `begin` would hold only a read snapshot here; the other process's write would then commit, and
      // this transaction's write below would fail at once with SQLITE_BUSY_SNAPSHOT.
      try {
        otherProcess.exec('UPDATE counters SET value = value + 100 WHERE id = 1');
      } catch (err) {
        otherWriteDuring = err;
      }
      await sql`UPDATE counters SET value = value + 1 WHERE id = 1`.execute(trx);
    });
    expect(otherWriteDuring).toMatchObject({ code: 'SQLITE_BUSY' });
    // Once the transaction has committed, the other process writes as usual.
    otherProcess.exec('UPDATE counters SET value = value + 100 WHERE id = 1');
    expect(otherProcess.prepare('SELECT value FROM counters WHERE id = 1').get()).toEqual({ value: 101 });
  });
});
