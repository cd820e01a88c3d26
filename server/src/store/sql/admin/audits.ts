import type { Kysely } from 'kysely';
import { auditHash } from '../../../model/audit_chain.js';
import type { AuditChainHead, AuditListFilter, AuditRecord, AuditStore, NewAuditRecord } from '../../admin/audits.js';
import type { Atomically } from '../atomically.js';
import { startsWithIgnoringCase } from '../like.js';
import type { Database } from '../schema.js';

const HEAD_ID = 1;

interface PendingAppend {
  record: NewAuditRecord;
  resolve(record: AuditRecord): void;
  reject(err: unknown): void;
}

export class SqlAuditStore implements AuditStore {
  constructor(private readonly db: Kysely<Database>, private readonly dialect: 'sqlite' | 'postgres', private readonly atomically: Atomically) {}

  /** Appends waiting for the batch in flight to commit. */
  private waiting: PendingAppend[] = [];
  private appending = false;

  /**
   * Appends go out in batches, one transaction at a time per process: under a login storm on PostgreSQL, one
   * transaction per append had every pool connection waiting on the head's row lock while the holder waited for
   * the event loop, and every other request waited for a connection.
   */
  append(record: NewAuditRecord): Promise<AuditRecord> {
    return new Promise((resolve, reject) => {
      this.waiting.push({ record, resolve, reject });
      if (!this.appending) void this.appendWaiting();
    });
  }

  private async appendWaiting(): Promise<void> {
    this.appending = true;
    while (this.waiting.length > 0) {
      const batch = this.waiting;
      this.waiting = [];
      try {
        const sealed = await this.appendBatch(batch.map((pending) => pending.record));
        batch.forEach((pending, i) => pending.resolve(sealed[i]));
      } catch (err) {
        for (const pending of batch) pending.reject(err);
      }
    }
    this.appending = false;
  }

  private appendBatch(records: NewAuditRecord[]): Promise<AuditRecord[]> {
    return this.atomically(async (trx) => {
      // PostgreSQL: the head's row lock makes appends from every node wait their turn. SQLite has one writer, and
      // this process runs its write transactions one after another (group commit), so nothing can come between.
      const head = await trx.selectFrom('audit_chain_head').select(['last_seq', 'last_hash']).where('id', '=', HEAD_ID)
        .$if(this.dialect === 'postgres', (query) => query.forUpdate())
        .executeTakeFirst();
      if (!head) throw new Error('the audit chain head row is missing');
      const sealed: AuditRecord[] = [];
      let previous = { seq: head.last_seq, hash: head.last_hash };
      for (const record of records) {
        const fields = { ...record, seq: previous.seq + 1, prev_hash: previous.hash };
        const next: AuditRecord = { ...fields, hash: auditHash(fields) };
        sealed.push(next);
        previous = next;
      }
      await trx.insertInto('audits').values(sealed).execute();
      await trx.updateTable('audit_chain_head').set({ last_seq: previous.seq, last_hash: previous.hash }).where('id', '=', HEAD_ID).execute();
      return sealed;
    });
  }

  list(filter: AuditListFilter): Promise<AuditRecord[]> {
    return this.db.selectFrom('audits').selectAll()
      .$if(filter.userId !== undefined, (q) => q.where('user_id', '=', filter.userId ?? ''))
      .$if(Boolean(filter.actionPrefix), (q) => q.where(startsWithIgnoringCase(this.dialect, 'action', filter.actionPrefix ?? '')))
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
