import type { Kysely } from 'kysely';
import { auditHash } from '../../../model/audit_chain.js';
import type { AuditChainHead, AuditListFilter, AuditRecord, AuditStore, NewAuditRecord } from '../../admin/audits.js';
import type { Atomically } from '../atomically.js';
import { startsWithIgnoringCase } from '../like.js';
import type { Database } from '../schema.js';

const HEAD_ID = 1;

export class SqlAuditStore implements AuditStore {
  constructor(private readonly db: Kysely<Database>, private readonly dialect: 'sqlite' | 'postgres', private readonly atomically: Atomically) {}

  append(record: NewAuditRecord): Promise<AuditRecord> {
    return this.atomically(async (trx) => {
      // PostgreSQL: the head's row lock makes appends from every node wait their turn. SQLite has one writer, and
      // this process runs its write transactions one after another (group commit), so nothing can come between.
      const head = await trx.selectFrom('audit_chain_head').select(['last_seq', 'last_hash']).where('id', '=', HEAD_ID)
        .$if(this.dialect === 'postgres', (query) => query.forUpdate())
        .executeTakeFirst();
      if (!head) throw new Error('the audit chain head row is missing');
      const fields = { ...record, seq: head.last_seq + 1, prev_hash: head.last_hash };
      const sealed: AuditRecord = { ...fields, hash: auditHash(fields) };
      await trx.insertInto('audits').values(sealed).execute();
      await trx.updateTable('audit_chain_head').set({ last_seq: sealed.seq, last_hash: sealed.hash }).where('id', '=', HEAD_ID).execute();
      return sealed;
    });
  }

  list(filter: AuditListFilter): Promise<AuditRecord[]> {
    return this.db.selectFrom('audits').selectAll()
      .$if(filter.userId !== undefined, (q) => q.where('user_id', '=', filter.userId ?? ''))
      .$if(Boolean(filter.actionPrefix), (q) => q.where(startsWithIgnoringCase('action', filter.actionPrefix ?? '')))
      .$if(filter.since !== undefined, (q) => q.where('create_at', '>=', filter.since ?? 0))
      .$if(filter.until !== undefined, (q) => q.where('create_at', '<=', filter.until ?? 0))
      .orderBy('seq', 'desc').limit(filter.limit).offset(filter.offset)
      .execute();
  }

  chainPage(afterSeq: number, throughSeq: number, limit: number): Promise<AuditRecord[]> {
    return this.db.selectFrom('audits').selectAll().where('seq', '>', afterSeq).where('seq', '<=', throughSeq)
      .orderBy('seq', 'asc').limit(limit).execute();
  }

  async maxSeq(): Promise<number> {
    const row = await this.db.selectFrom('audits').select((eb) => eb.fn.max('seq').as('seq')).executeTakeFirst();
    return Number(row?.seq ?? 0);
  }

  findByPrevHash(prevHash: string): Promise<AuditRecord | undefined> {
    return this.db.selectFrom('audits').selectAll().where('prev_hash', '=', prevHash).orderBy('seq', 'asc').limit(1).executeTakeFirst();
  }

  async head(): Promise<AuditChainHead | undefined> {
    const row = await this.db.selectFrom('audit_chain_head').select(['last_seq', 'last_hash']).where('id', '=', HEAD_ID).executeTakeFirst();
    return row && { lastSeq: row.last_seq, lastHash: row.last_hash };
  }
}
