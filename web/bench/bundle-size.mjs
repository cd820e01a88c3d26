// Prints the gzip size of the built web client: the app shell (what the first page load needs)
// and every lazily loaded chunk. Run after `npm run build -w web`.
import { readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const dist = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../dist');
const html = readFileSync(path.join(dist, 'index.html'), 'utf8');
const kb = (n) => `${(n / 1024).toFixed(1)} KB`;
const gz = (file) => gzipSync(readFileSync(path.join(dist, file)), { level: 9 }).length;

/** The entry script, its modulepreloads and stylesheets: everything the browser fetches before first render. */
const shell = [...html.matchAll(/(?:src|href)="\/(assets\/[^"]+\.(?:js|css))"/g)].map((m) => m[1]);
const all = readdirSync(path.join(dist, 'assets')).map((f) => `assets/${f}`).filter((f) => /\.(js|css)$/.test(f));
const lazy = all.filter((f) => !shell.includes(f));

const row = (f) => `  ${f.padEnd(48)} ${kb(statSync(path.join(dist, f)).size).padStart(10)} ${kb(gz(f)).padStart(10)} gzip`;
console.log('App shell (first load):');
shell.forEach((f) => console.log(row(f)));
const shellJs = shell.filter((f) => f.endsWith('.js')).reduce((sum, f) => sum + gz(f), 0);
const shellCss = shell.filter((f) => f.endsWith('.css')).reduce((sum, f) => sum + gz(f), 0);
console.log('Lazy chunks:');
lazy.forEach((f) => console.log(row(f)));
console.log(`web bundle: app shell JS ${kb(shellJs)} gzip (budget 300 KB), CSS ${kb(shellCss)} gzip, lazy JS ${kb(lazy.filter((f) => f.endsWith('.js')).reduce((s, f) => s + gz(f), 0))} gzip`);
if (shellJs > 300 * 1024) process.exitCode = 1;
