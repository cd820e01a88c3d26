#!/usr/bin/env node
import { loadtestCommand } from './cli.js';

loadtestCommand('parley-loadtest').parseAsync().catch((err: unknown) => {
  console.error('parley-loadtest:', err instanceof Error ? err.message : err);
  process.exit(2);
});
