import { sql, type RawBuilder, type SqlBool } from 'kysely';

/** LIKE pattern for a user-typed prefix, with LIKE's wildcards escaped. */
const likePrefix = (term: string): string => `${term.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/** The least string greater than every string starting with `prefix` (code point order), if there is one. */
function prefixUpperBound(prefix: string): string | undefined {
  const points = [...prefix];
  const last = points.pop()?.codePointAt(0);
  // Past the last code point, or into the surrogate range, there is no simple successor: callers fall back to LIKE.
  if (last === undefined || last === 0x10ffff || (last >= 0xd7ff && last <= 0xdfff)) return undefined;
  return points.join('') + String.fromCodePoint(last + 1);
}

/** `lower(column)` as the indexes of migration 0016 hold it, to compare or to order by. */
export const lowerCased = (dialect: 'sqlite' | 'postgres', column: string): RawBuilder<string> =>
  (dialect === 'postgres' ? sql<string>`lower(${sql.ref(column)}) collate "C"` : sql<string>`lower(${sql.ref(column)})`);

/**
 * `lower(column)` starts with `term`, case-insensitive, with `%`, `_` and `\` in the term taken literally.
 * Written as a range (`>= term and < successor`) so the `lower(column)` indexes of migration 0016 answer it:
 * SQLite never uses an index for LIKE with an ESCAPE clause or on an expression. PostgreSQL compares in the
 * "C" collation, as its indexes are built, because a linguistic collation ignores punctuation and would put
 * `ab-d` outside the range of `ab-`.
 */
export const startsWithIgnoringCase = (dialect: 'sqlite' | 'postgres', column: string, term: string): RawBuilder<SqlBool> => {
  const lower = term.toLowerCase();
  const value = lowerCased(dialect, column);
  const upper = prefixUpperBound(lower);
  if (upper === undefined) return sql<SqlBool>`lower(${sql.ref(column)}) like ${likePrefix(lower)} escape '\\'`;
  return sql<SqlBool>`(${value} >= ${lower} and ${value} < ${upper})`;
};
