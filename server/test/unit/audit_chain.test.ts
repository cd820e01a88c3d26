import { describe, expect, it } from 'vitest';
import { verifyAuditChain } from '../../src/app/admin/audit_verify.js';
import { auditHash, canonicalEncoding, GENESIS_HASH, storableText, type AuditFields, type ChainedAudit } from '../../src/model/audit_chain.js';
import type { AuditChainHead, AuditListFilter, AuditRecord, AuditStore, NewAuditRecord } from '../../src/store/admin/audits.js';

/** The audit store's contract over an array, so the chain logic is tested without a database. */
class MemoryAuditStore implements AuditStore {
  rows: AuditRecord[] = [];
  headRow: AuditChainHead | undefined = { lastSeq: 0, lastHash: GENESIS_HASH };

  async append(record: NewAuditRecord): Promise<AuditRecord> {
    const head = this.headRow ?? { lastSeq: 0, lastHash: GENESIS_HASH };
    const fields: AuditFields = { ...record, seq: head.lastSeq + 1, prev_hash: head.lastHash };
    const sealed = { ...fields, hash: auditHash(fields) };
    this.rows.push(sealed);
    this.headRow = { lastSeq: sealed.seq, lastHash: sealed.hash };
    return sealed;
  }

  async list(filter: AuditListFilter): Promise<AuditRecord[]> {
    return [...this.rows].sort((a, b) => b.seq - a.seq).slice(filter.offset, filter.offset + filter.limit);
  }

  async chainPage(afterSeq: number, throughSeq: number, limit: number): Promise<AuditRecord[]> {
    return this.rows.filter((r) => r.seq > afterSeq && r.seq <= throughSeq).sort((a, b) => a.seq - b.seq).slice(0, limit);
  }

  async maxSeq(): Promise<number> {
    return Math.max(0, ...this.rows.map((r) => r.seq));
  }

  async findByPrevHash(prevHash: string): Promise<AuditRecord | undefined> {
    return this.rows.find((r) => r.prev_hash === prevHash);
  }

  async head(): Promise<AuditChainHead | undefined> {
    return this.headRow;
  }

  bySeq(seq: number): AuditRecord {
    const row = this.rows.find((r) => r.seq === seq);
    if (!row) throw new Error(`no record ${seq}`);
    return row;
  }
}

function entry(i: number): NewAuditRecord {
  return {
    id: `id${String(i).padStart(24, '0')}`, create_at: 1_700_000_000_000 + i, user_id: 'u'.repeat(26), action: 'user.login',
    object: `object${i}`, extra_info: `login_id=user${i}`, ip_address: '10.0.0.1', session_id: 's'.repeat(26), result: 'success',
  };
}

async function chainOf(count: number, store = new MemoryAuditStore()): Promise<MemoryAuditStore> {
  for (let i = 1; i <= count; i++) await store.append(entry(i));
  return store;
}

/** A server appending while verification runs: one record lands just after the head is first read. */
class AppendingAuditStore extends MemoryAuditStore {
  private appended = false;

  override async head(): Promise<AuditChainHead | undefined> {
    const head = await super.head();
    if (!this.appended) {
      this.appended = true;
      await this.append(entry(99));
    }
    return head;
  }
}

const verify = (store: AuditStore) => verifyAuditChain(store, { pageSize: 3 });

describe('audit hash chain', () => {
  it('chains each record to the one before it, the first to the genesis hash', async () => {
    const store = await chainOf(3);
    expect(store.bySeq(1).prev_hash).toBe(GENESIS_HASH);
    expect(store.bySeq(2).prev_hash).toBe(store.bySeq(1).hash);
    expect(store.bySeq(3).hash).toMatch(/^[0-9a-f]{64}$/);
    expect((await store.head())?.lastHash).toBe(store.bySeq(3).hash);
  });

  it('encodes fields so that moving text from one field into the next changes the hash', async () => {
    const base = { ...(await chainOf(1)).bySeq(1) };
    const shifted = { ...base, action: `${base.action}o`, object: base.object.slice(1) };
    expect(canonicalEncoding(shifted)).not.toBe(canonicalEncoding(base));
    expect(auditHash(shifted)).not.toBe(auditHash(base));
  });

  it('finds an intact chain intact across pages, and reports how far it checked', async () => {
    const store = await chainOf(10);
    const progress: number[] = [];
    const report = await verifyAuditChain(store, { pageSize: 3, onProgress: (done) => progress.push(done) });
    expect(report.problem).toBeUndefined();
    expect(report.checked).toBe(10);
    expect(report.lastHash).toBe(store.bySeq(10).hash);
    expect(progress.at(-1)).toBe(10);
  });

  it('finds an empty chain intact', async () => {
    const report = await verify(new MemoryAuditStore());
    expect(report.problem).toBeUndefined();
    expect(report.checked).toBe(0);
  });

  it.each(['create_at', 'user_id', 'action', 'object', 'extra_info', 'ip_address', 'session_id', 'result', 'id'] as const)(
    'names the record whose %s was altered', async (field) => {
      const store = await chainOf(8);
      const row = store.bySeq(5) as unknown as Record<string, unknown>;
      row[field] = typeof row[field] === 'number' ? (row[field] as number) + 1 : `${String(row[field])}x`;
      const report = await verify(store);
      expect(report.problem).toMatchObject({ kind: 'altered', seq: 5 });
      expect(report.checked).toBe(4);
    },
  );

  it('names the record rewritten with a recomputed hash, through the next record\'s link', async () => {
    const store = await chainOf(6);
    const row = store.bySeq(3);
    row.user_id = 'x'.repeat(26);
    row.hash = auditHash(row);
    const report = await verify(store);
    expect(report.problem).toMatchObject({ kind: 'altered', seq: 3, id: row.id });
  });

  it('names the newest record rewritten with a recomputed hash, through the chain head', async () => {
    const store = await chainOf(4);
    const row = store.bySeq(4);
    row.result = 'fail';
    row.hash = auditHash(row);
    expect((await verify(store)).problem).toMatchObject({ kind: 'altered', seq: 4, id: row.id });
  });

  it('names the first of the records removed from the middle', async () => {
    const store = await chainOf(9);
    store.rows = store.rows.filter((r) => r.seq !== 4 && r.seq !== 5);
    const report = await verify(store);
    expect(report.problem).toMatchObject({ kind: 'missing', seq: 4 });
    expect(report.problem?.message).toContain('records 4 to 5 are missing');
  });

  it('names the newest record when it was removed (the head still counts it)', async () => {
    const store = await chainOf(5);
    store.rows = store.rows.filter((r) => r.seq !== 5);
    expect((await verify(store)).problem).toMatchObject({ kind: 'missing', seq: 5 });
  });

  it('reports two swapped records as reordered, naming both places', async () => {
    const store = await chainOf(7);
    const third = store.bySeq(3);
    const sixth = store.bySeq(6);
    [third.seq, sixth.seq] = [6, 3];
    const report = await verify(store);
    expect(report.problem).toMatchObject({ kind: 'reordered', seq: 3, id: sixth.id });
    expect(report.problem?.message).toContain(`stored at 6 (id ${third.id})`);
  });

  it('reports a missing chain head', async () => {
    const store = await chainOf(2);
    store.headRow = undefined;
    expect((await verify(store)).problem).toMatchObject({ kind: 'head_missing' });
  });

  it('leaves records appended after the head was read alone, but reports records stored beyond the head', async () => {
    const appending = await chainOf(3, new AppendingAuditStore());
    const report = await verify(appending);
    expect(report.problem).toBeUndefined();
    expect(report.checked).toBe(3);

    const injected = await chainOf(3);
    const fields: AuditFields = { ...injected.bySeq(3), seq: 4, id: 'forged'.padEnd(26, '0'), prev_hash: injected.bySeq(3).hash };
    injected.rows.push({ ...fields, hash: auditHash(fields) } satisfies ChainedAudit);
    expect((await verify(injected)).problem).toMatchObject({ kind: 'unrecorded', seq: 4 });
  });

  it('stores text as both databases return it: no NUL, no lone surrogate, bounded', () => {
    expect(storableText('a\u0000b', 10)).toBe('a\uFFFDb');
    expect(storableText('x\uD800y', 10)).toBe('x\uFFFDy');
    expect(storableText('😀😀', 3)).toBe('😀\uFFFD');
    expect(storableText('abcdef', 4)).toBe('abcd');
  });
});
