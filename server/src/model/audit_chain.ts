import { createHash } from 'node:crypto';
import { wellFormed } from './safe_json.js';

/**
 * The audit log's hash chain. Every record carries the hash of the record before it (`prev_hash`) and its own
 * `hash`, the SHA-256 of a canonical encoding of all its fields and `prev_hash`; the first record follows
 * GENESIS_HASH. Changing, removing or reordering a record breaks the chain at that record.
 */

/** The record fields the hash covers, as stored. */
export interface ChainedAudit {
  seq: number;
  id: string;
  create_at: number;
  user_id: string;
  action: string;
  object: string;
  extra_info: string;
  ip_address: string;
  session_id: string;
  result: string;
  prev_hash: string;
  hash: string;
}

export type AuditFields = Omit<ChainedAudit, 'hash'>;

/** What the first record follows. */
export const GENESIS_HASH = '0'.repeat(64);

/** Names the encoding, so a later one can be told apart from this one. */
const ENCODING = 'parley-audit-v1';

/**
 * A JSON array in a fixed field order: JSON's string escaping makes every field's boundary unambiguous, and
 * integers print one way only.
 */
export function canonicalEncoding(record: AuditFields): string {
  return JSON.stringify([
    ENCODING, record.seq, record.id, record.create_at, record.user_id, record.action, record.object, record.extra_info,
    record.ip_address, record.session_id, record.result, record.prev_hash,
  ]);
}

export function auditHash(record: AuditFields): string {
  return createHash('sha256').update(canonicalEncoding(record), 'utf8').digest('hex');
}

/**
 * Text exactly as both databases store and return it: lone UTF-16 surrogates (which UTF-8 cannot hold) and NUL
 * (which PostgreSQL text refuses) become U+FFFD. Hashing anything else would make an intact record look altered
 * once read back, or fail its write.
 */
export function storableText(value: string, maxLength: number): string {
  return wellFormed(value.slice(0, maxLength)).replaceAll('\u0000', '\uFFFD');
}

export type ChainProblemKind = 'altered' | 'missing' | 'reordered' | 'unrecorded' | 'head_missing';

/** The first place the chain is broken; `seq` and `id` name the record. */
export interface ChainProblem {
  kind: ChainProblemKind;
  seq: number;
  id?: string;
  message: string;
}

/**
 * Walks the records in seq order (fed a page at a time) and stops at the first problem. A record whose hash does
 * not match its fields was altered, unless another record is the one chained here (then the two were reordered);
 * a record whose fields match but whose prev_hash is not the previous record's hash means the previous record
 * was rewritten together with its hash; a gap in seq means records were removed.
 */
export class ChainWalker {
  private expectedSeq = 1;
  private previousHash = GENESIS_HASH;
  private previous: ChainedAudit | undefined;
  private found: ChainProblem | undefined;

  get problem(): ChainProblem | undefined {
    return this.found;
  }

  /** Records checked so far. */
  get checked(): number {
    return this.expectedSeq - 1;
  }

  get lastHash(): string {
    return this.previousHash;
  }

  /**
   * Checks the next record; false once a problem is found. `rightful` looks up the record that should be here
   * (the one whose prev_hash is the previous record's hash) when this one is not it.
   */
  async next(record: ChainedAudit, rightful: (prevHash: string) => Promise<ChainedAudit | undefined>): Promise<boolean> {
    if (this.found) return false;
    if (record.seq !== this.expectedSeq) {
      const last = record.seq - 1;
      const range = last === this.expectedSeq ? `record ${this.expectedSeq} is` : `records ${this.expectedSeq} to ${last} are`;
      return this.fail({ kind: 'missing', seq: this.expectedSeq, message: `${range} missing (the chain goes from ${this.expectedSeq - 1} to ${record.seq})` });
    }
    if (auditHash(record) !== record.hash) {
      const owner = await rightful(this.previousHash);
      if (owner && owner.seq !== record.seq) {
        return this.fail({
          kind: 'reordered', seq: record.seq, id: record.id,
          message: `record ${record.seq} (id ${record.id}) is out of order: the record that follows ${record.seq - 1} is stored at ${owner.seq} (id ${owner.id})`,
        });
      }
      return this.fail({ kind: 'altered', seq: record.seq, id: record.id, message: `record ${record.seq} (id ${record.id}) was altered: its hash does not match its fields` });
    }
    if (record.prev_hash !== this.previousHash) {
      // This record is intact, so the one before it changed after this one was written.
      const before = this.previous;
      return this.fail({
        kind: 'altered', seq: record.seq - 1, id: before?.id,
        message: `record ${record.seq - 1}${before ? ` (id ${before.id})` : ''} was rewritten: record ${record.seq} was chained to a different hash`,
      });
    }
    this.previous = record;
    this.previousHash = record.hash;
    this.expectedSeq += 1;
    return true;
  }

  /**
   * After the last record up to the head's seq: the head (written in the same transaction as every append) must
   * name the record reached.
   */
  finish(head: { lastSeq: number; lastHash: string } | undefined): ChainProblem | undefined {
    if (this.found) return this.found;
    const lastSeq = this.checked;
    if (!head) {
      this.found = { kind: 'head_missing', seq: lastSeq, message: 'the chain head is missing, so removal of the newest records cannot be ruled out' };
    } else if (head.lastSeq > lastSeq) {
      const range = head.lastSeq === lastSeq + 1 ? `record ${head.lastSeq} (the newest) is` : `records ${lastSeq + 1} to ${head.lastSeq} (the newest) are`;
      this.found = { kind: 'missing', seq: lastSeq + 1, message: `${range} missing` };
    } else if (head.lastHash !== this.previousHash) {
      this.found = {
        kind: 'altered', seq: lastSeq, id: this.previous?.id,
        message: `record ${lastSeq}${this.previous ? ` (id ${this.previous.id})` : ''} was rewritten: the chain head holds a different hash`,
      };
    }
    return this.found;
  }

  private fail(problem: ChainProblem): false {
    this.found = problem;
    return false;
  }
}
