import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { WalCheckpointer } from '../../src/store/sql/wal_checkpointer.js';

// The background checkpointer on a real SQLite file: the worker copies the
// writer's committed pages into the database file, and stopping it leaves a
// complete database and a usable writer.

let dir: string;
let file: string;
let writer: SQLite.Database;

beforeEach(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'parley-checkpoint-'));
  file = path.join(dir, 'test.db');
  writer = new SQLite(file);
  writer.pragma('journal_mode = WAL');
  writer.exec('CREATE TABLE kv (k INTEGER PRIMARY KEY, v TEXT NOT NULL)');
});

afterEach(() => {
  if (writer.open) writer.close();
  rmSync(dir, { recursive: true, force: true });
});

/** The database file's size: rows reach it only through checkpoints, until then they live in the WAL. */
const databaseFileBytes = (): number => statSync(file).size;

const insertRows = (from: number, count: number): void => {
  const insert = writer.prepare('INSERT INTO kv (k, v) VALUES (?, ?)');
  for (let k = from; k < from + count; k++) insert.run(k, 'x'.repeat(500));
};

const waitFor = async (check: () => boolean, ms = 5_000): Promise<void> => {
  const until = Date.now() + ms;
  while (!check()) {
    if (Date.now() > until) throw new Error('condition not reached');
    await new Promise((r) => setTimeout(r, 20));
  }
};

describe('WalCheckpointer', () => {
  it('copies committed pages into the database file in the background', async () => {
    const checkpointer = WalCheckpointer.start(writer);
    // About 1 MiB, far below the WAL size at which the writer's own commits would checkpoint.
    insertRows(0, 2_000);
    await waitFor(() => databaseFileBytes() > 1_000_000);
    await checkpointer.stop();
    writer.close();
    expect(existsSync(`${file}-wal`)).toBe(false);
    const reader = new SQLite(file, { readonly: true });
    expect(reader.prepare('SELECT count(*) AS n FROM kv').get()).toEqual({ n: 2_000 });
    reader.close();
  });

  it('hands checkpoints back to the writer when the worker fails, and still stops', async () => {
    // The writer keeps its open file; the worker, opening the path anew, finds nothing there.
    rmSync(file);
    const checkpointer = WalCheckpointer.start(writer);
    await waitFor(() => writer.pragma('wal_autocheckpoint', { simple: true }) === 1000);
    await checkpointer.stop();
  });

  it('stops cleanly and leaves the writer usable', async () => {
    const checkpointer = WalCheckpointer.start(writer);
    await checkpointer.stop();
    insertRows(0, 10);
    expect(writer.prepare('SELECT count(*) AS n FROM kv').get()).toEqual({ n: 10 });
  });
});
