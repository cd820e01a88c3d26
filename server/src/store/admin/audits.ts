import type { ChainedAudit } from '../../model/audit_chain.js';

/** One audit record as stored: its place in the hash chain and what happened. */
export type AuditRecord = ChainedAudit;

/** What an append is given; its seq and hashes are assigned at the chain's end. */
export type NewAuditRecord = Omit<AuditRecord, 'seq' | 'prev_hash' | 'hash'>;

/** The chain's end as recorded with every append. */
export interface AuditChainHead {
  lastSeq: number;
  lastHash: string;
}

export interface AuditListFilter {
  userId?: string;
  /** Actions starting with this text (`user.` for every user action). */
  actionPrefix?: string;
  /** create_at bounds in ms, both inclusive. */
  since?: number;
  until?: number;
  offset: number;
  limit: number;
}

/** The append-only audit log (migration 0009_audits). Nothing here updates or deletes a record. */
export interface AuditStore {
  /**
   * Appends one record at the chain's end, serialized with every other append (on every node sharing the
   * database): seq is the next number, prev_hash the head's hash, hash computed over both, and the head moved on,
   * all in one transaction, which also holds the appends that arrived while the previous one ran.
   */
  append(record: NewAuditRecord): Promise<AuditRecord>;
  /** Newest first. */
  list(filter: AuditListFilter): Promise<AuditRecord[]>;
  /** Up to `limit` records with seq above `afterSeq` and at most `throughSeq`, in chain order. */
  chainPage(afterSeq: number, throughSeq: number, limit: number): Promise<AuditRecord[]>;
  /** The highest seq stored (0 when there is none). */
  maxSeq(): Promise<number>;
  /** The record chained to `prevHash`, wherever it is stored (to tell a moved record from an altered one). */
  findByPrevHash(prevHash: string): Promise<AuditRecord | undefined>;
  /** Undefined when the head row is gone. */
  head(): Promise<AuditChainHead | undefined>;
}
