// `npm test`: every test suite, in order; stops at the first failing step.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const steps = [
  ['install', 'npm', existsSync('node_modules/.package-lock.json') ? null : ['ci']],
  ['build', 'npm', ['run', 'build', '--silent']],
  ['lint', 'npm', ['run', 'lint', '--silent']],
  ['server tests (unit, SQLite, PostgreSQL)', 'npm', ['test', '-w', 'server', '--silent']],
  ['web tests (unit, browser)', 'npm', ['test', '-w', 'web', '--silent', '--if-present']],
];

for (const [name, cmd, args] of steps) {
  if (!args) continue;
  console.log(`\n=== ${name} ===`);
  const started = Date.now();
  const result = spawnSync(cmd, args, { stdio: 'inherit' });
  console.log(`=== ${name}: ${result.status === 0 ? 'ok' : 'FAILED'} in ${((Date.now() - started) / 1000).toFixed(1)}s ===`);
  if (result.status !== 0) process.exit(result.status ?? 1);
}
