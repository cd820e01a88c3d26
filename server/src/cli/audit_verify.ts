import { verifyAuditChain } from '../app/admin/audit_verify.js';
import { databaseOptions } from '../config/database_options.js';
import type { Config } from '../config/schema.js';
import { openSqlStore } from '../store/sql/store.js';
import { ProgressBar, type Output } from './progress_bar.js';

export const VERIFY_INTACT = 0;
export const VERIFY_BROKEN = 1;

/**
 * `parley audit verify`: opens the configured database as the server does and recomputes the audit chain, with a
 * progress bar on `err`. The outcome goes to `out`: a summary and VERIFY_INTACT, or the first broken, missing or
 * reordered record and VERIFY_BROKEN. The server may keep running meanwhile.
 */
export async function auditVerify(config: Config, io: { out: Output; err: Output }, options: { pageSize?: number } = {}): Promise<number> {
  const store = await openSqlStore(databaseOptions(config));
  try {
    const bar = new ProgressBar(io.err, 'verifying audit chain');
    const report = await verifyAuditChain(store.audits, { pageSize: options.pageSize, onProgress: (done, total) => bar.update(done, total) });
    bar.finish();
    if (report.problem) {
      io.out.write(`audit chain BROKEN at record ${report.problem.seq}: ${report.problem.message}\n`);
      io.out.write(`${records(report.checked)} before it ${report.checked === 1 ? 'is' : 'are'} intact.\n`);
      return VERIFY_BROKEN;
    }
    io.out.write(`audit chain intact: ${records(report.checked)}; last hash ${report.lastHash}\n`);
    return VERIFY_INTACT;
  } finally {
    await store.close();
  }
}

const records = (count: number): string => `${count} record${count === 1 ? '' : 's'}`;
