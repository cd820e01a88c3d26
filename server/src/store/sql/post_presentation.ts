import { sql, type Kysely, type Selectable } from 'kysely';
import type { PostPresentationStore, PresentationParts, PresentationRequest } from '../post_presentation.js';
import type { ReactionStore } from '../reactions.js';
import type { ThreadStore } from '../threads.js';
import { toReaction, toThread, toThreadMembership } from './rows.js';
import type { Database, ReactionsTable, ThreadMembershipsTable, ThreadsTable } from './schema.js';

interface PartsRow {
  reactions: Selectable<ReactionsTable>[];
  threads: Selectable<ThreadsTable>[];
  memberships: Selectable<ThreadMembershipsTable>[];
}

/**
 * Every post list reads these three for its page. On PostgreSQL each round trip costs the server's one thread a
 * write, a parse and a wake-up, so they travel as one statement (each part as JSON, lists as array parameters so the
 * text and its prepared plan never change); SQLite runs them in-process, where separate statements cost less.
 */
export class SqlPostPresentationStore implements PostPresentationStore {
  constructor(
    private readonly db: Kysely<Database>, private readonly dialect: 'sqlite' | 'postgres',
    private readonly reactions: ReactionStore, private readonly threads: ThreadStore,
  ) {}

  async parts(request: PresentationRequest): Promise<PresentationParts> {
    if (this.dialect === 'postgres') return this.partsPostgres(request);
    const [reactions, threads, memberships] = await Promise.all([
      this.reactions.listForPosts(request.reactedPostIds),
      this.threads.getMany(request.threadIds),
      request.viewerId ? this.threads.getMemberships(request.viewerId, request.rootIds) : [],
    ]);
    return { reactions, threads, memberships };
  }

  private async partsPostgres(request: PresentationRequest): Promise<PresentationParts> {
    const { rows: [row] } = await sql<PartsRow>`SELECT
        (SELECT coalesce(json_agg(r ORDER BY r.create_at), '[]') FROM reactions r
          WHERE r.post_id = ANY(${[...request.reactedPostIds]}::text[])) AS reactions,
        (SELECT coalesce(json_agg(t), '[]') FROM threads t WHERE t.post_id = ANY(${[...request.threadIds]}::text[])) AS threads,
        (SELECT coalesce(json_agg(m), '[]') FROM thread_memberships m
          WHERE m.user_id = ${request.viewerId ?? ''} AND m.post_id = ANY(${request.viewerId ? [...request.rootIds] : []}::text[])) AS memberships`
      .execute(this.db);
    return { reactions: row.reactions.map(toReaction), threads: row.threads.map(toThread), memberships: row.memberships.map(toThreadMembership) };
  }
}
