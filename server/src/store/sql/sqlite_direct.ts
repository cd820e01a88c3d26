import type SQLite from 'better-sqlite3';

/**
 * Prepared better-sqlite3 statements run synchronously, for the few SQLite
 * statements every post makes. Through Kysely each costs several times its
 * own work in query building, promises and garbage; a post's write is about
 * a third cheaper without it.
 *
 * They run only inside a transaction the store holds (a group-commit batch or
 * a store transaction): Kysely then holds the one connection for that
 * transaction, so nothing else can run between or inside these statements.
 * Running one anywhere else throws. Sources are constants (lists travel as one
 * JSON parameter), so the statement cache stays small.
 */
export class SqliteDirect {
  private readonly statements = new Map<string, SQLite.Statement>();

  constructor(private readonly file: SQLite.Database) {}

  run(source: string, ...params: unknown[]): SQLite.RunResult {
    return this.prepared(source).run(...params);
  }

  all<T>(source: string, ...params: unknown[]): T[] {
    return this.prepared(source).all(...params) as T[];
  }

  get<T>(source: string, ...params: unknown[]): T | undefined {
    return this.prepared(source).get(...params) as T | undefined;
  }

  private prepared(source: string): SQLite.Statement {
    if (!this.file.inTransaction) throw new Error('direct SQLite statements run only inside a store transaction');
    let statement = this.statements.get(source);
    if (!statement) {
      statement = this.file.prepare(source);
      this.statements.set(source, statement);
    }
    return statement;
  }
}
