import SQLite from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { SqliteDirect } from '../../src/store/sql/sqlite_direct.js';

// Direct statements share the store's connection, so they must only run where
// the store holds it: inside a transaction.

describe('SqliteDirect', () => {
  it('runs inside a transaction and refuses to run outside one', () => {
    const file = new SQLite(':memory:');
    file.exec('CREATE TABLE kv (k TEXT PRIMARY KEY, v INTEGER NOT NULL)');
    const direct = new SqliteDirect(file);
    expect(() => direct.run('INSERT INTO kv (k, v) VALUES (?, ?)', 'a', 1)).toThrow(/inside a store transaction/);
    file.exec('BEGIN');
    expect(direct.run('INSERT INTO kv (k, v) VALUES (:k, :v)', { k: 'b', v: 2 }).changes).toBe(1);
    expect(direct.get<{ v: number }>('SELECT v FROM kv WHERE k = ?', 'b')).toEqual({ v: 2 });
    expect(direct.all<{ k: string }>('SELECT k FROM kv')).toEqual([{ k: 'b' }]);
    file.exec('COMMIT');
    expect(file.prepare('SELECT count(*) AS n FROM kv').get()).toEqual({ n: 1 });
    file.close();
  });
});
