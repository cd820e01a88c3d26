// `npm start`: installs dependencies when missing, builds, then runs the server.
import { spawnSync, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';

const run = (cmd, args) => {
  const result = spawnSync(cmd, args, { stdio: 'inherit' });
  if (result.status !== 0) process.exit(result.status ?? 1);
};

if (!existsSync('node_modules/.package-lock.json')) {
  console.log('parley: installing dependencies (first run)...');
  run('npm', existsSync('package-lock.json') ? ['ci'] : ['install']);
}
console.log('parley: building...');
run('npm', ['run', 'build', '--silent']);
const server = spawn(process.execPath, ['server/dist/main.js'], { stdio: 'inherit' });
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => server.kill(signal));
server.on('exit', (code) => process.exit(code ?? 0));
