import { sql, type RawBuilder, type SqlBool } from 'kysely';

/** LIKE pattern for a user-typed prefix, with LIKE's wildcards escaped. */
const likePrefix = (term: string): string => `${term.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/**
 * `lower(column) LIKE 'term%'`, case-insensitive, with `%`, `_` and `\` in the term taken literally.
 * The ESCAPE clause is spelled out because SQLite, unlike PostgreSQL, has no default escape character.
 */
export const startsWithIgnoringCase = (column: string, term: string): RawBuilder<SqlBool> =>
  sql<SqlBool>`lower(${sql.ref(column)}) like ${likePrefix(term)} escape '\\'`;
