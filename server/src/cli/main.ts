#!/usr/bin/env node
import { loadtestCommand } from '@parley/loadtest';
import { Command, InvalidArgumentError } from 'commander';
import { loadConfigOrExit, serve } from '../serve.js';
import { auditVerify } from './audit_verify.js';
import { searchReindex } from './search_reindex.js';

/** The `parley` command. Commands run at the edge: they open what the server opens and call its services. */
function program(): Command {
  const parley = new Command('parley').description('Parley: self-hosted team messaging, wire-compatible with Mattermost');
  parley.command('start', { isDefault: true }).description('start the server (the default command)').action(() => serve());

  const audit = parley.command('audit').description('the tamper-evident audit log');
  audit.command('verify')
    .description('recompute the audit hash chain; exit 0 when intact, 1 naming the first broken, missing or reordered record')
    .option('--page-size <records>', 'records read per query', positiveInteger, 1000)
    .action(async (options: { pageSize: number }) => {
      process.exitCode = await auditVerify(loadConfigOrExit(), { out: process.stdout, err: process.stderr }, { pageSize: options.pageSize });
    });
  parley.command('reindex')
    .description('rebuild the post search index, batch by batch (the server may keep running)')
    .option('--batch-size <posts>', 'posts indexed per transaction', positiveInteger, 5000)
    .action(async (options: { batchSize: number }) => {
      process.exitCode = await searchReindex(loadConfigOrExit(), { out: process.stdout, err: process.stderr }, { batchSize: options.batchSize });
    });
  parley.addCommand(loadtestCommand());
  return parley;
}

function positiveInteger(value: string): number {
  const parsed = Number(value);
  if (!Number.isInteger(parsed) || parsed < 1) throw new InvalidArgumentError('expected a positive integer');
  return parsed;
}

program().parseAsync().catch((err: unknown) => {
  console.error('parley:', err instanceof Error ? err.message : err);
  process.exit(2);
});
