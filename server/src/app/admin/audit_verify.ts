import { ChainWalker, type ChainProblem } from '../../model/audit_chain.js';
import type { AuditStore } from '../../store/admin/audits.js';

export interface AuditChainReport {
  /** Records checked, in seq order. */
  checked: number;
  /** The head's seq when verification started: the records it covers. */
  total: number;
  /** The hash of the last record checked: keep it elsewhere to detect a later rewrite of the whole chain. */
  lastHash: string;
  /** The first break, if any. */
  problem?: ChainProblem;
}

export interface VerifyOptions {
  pageSize?: number;
  onProgress?: (checked: number, total: number) => void;
}

/**
 * Recomputes the audit chain a page at a time, up to the head as read at the start, so records the running
 * server appends meanwhile are neither checked nor taken for tampering. Afterwards, a record stored beyond the
 * head as read again then cannot have come from an append (each moves the head in its own transaction first).
 */
export async function verifyAuditChain(audits: AuditStore, options: VerifyOptions = {}): Promise<AuditChainReport> {
  const pageSize = options.pageSize ?? 1000;
  const head = await audits.head();
  const through = head?.lastSeq ?? Number.MAX_SAFE_INTEGER;
  const total = head?.lastSeq ?? await audits.maxSeq();
  const walker = new ChainWalker();
  const rightful = (prevHash: string) => audits.findByPrevHash(prevHash);
  const report = (): AuditChainReport => ({ checked: walker.checked, total, lastHash: walker.lastHash, problem: walker.problem });
  options.onProgress?.(0, total);
  for (let after = 0; ;) {
    const page = await audits.chainPage(after, through, pageSize);
    for (const record of page) {
      if (!(await walker.next(record, rightful))) return report();
    }
    options.onProgress?.(walker.checked, total);
    if (page.length < pageSize) break;
    after = page[page.length - 1].seq;
  }
  if (walker.finish(head)) return report();
  const stored = await audits.maxSeq();
  const headNow = await audits.head();
  if (headNow && stored > headNow.lastSeq) {
    return {
      ...report(),
      problem: {
        kind: 'unrecorded', seq: headNow.lastSeq + 1,
        message: `records ${headNow.lastSeq + 1} to ${stored} were not appended by Parley (the chain head ends at ${headNow.lastSeq})`,
      },
    };
  }
  return report();
}
