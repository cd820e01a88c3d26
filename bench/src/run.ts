import { adminBench } from './admin.js';
import { directorySearchBench } from './directory_search.js';
import { fanoutBench } from './fanout.js';
import { historyBench } from './history.js';
import { largePostsBench } from './large_posts.js';
import { ldapBench } from './ldap.js';
import { loadtestBench } from './loadtest.js';
import { memoryBench } from './memory.js';
import { notificationBench } from './notifications.js';
import { postThroughput } from './post_throughput.js';
import { searchBench } from './search.js';
import { webhookBench } from './webhooks.js';
import type { Database } from './server_process.js';
import { fmt } from './stats.js';

// `npm run bench`: every server benchmark on SQLite and PostgreSQL. Select with
// BENCH_ONLY=throughput,fanout,history,memory,largeposts,admin,directory,notifications,webhooks,ldap,loadtest and BENCH_DB=sqlite|postgres.
// `loadtest` (simulated users up to their ceiling, tens of minutes) runs only when named, and so does `search`
// (10,000,000 posts unless BENCH_SEARCH_POSTS says fewer).

const only = new Set((process.env.BENCH_ONLY ?? 'throughput,fanout,history,memory,largeposts,admin,directory,notifications,webhooks,ldap').split(','));
const databases: Database[] = process.env.BENCH_DB ? [process.env.BENCH_DB as Database] : ['sqlite', 'postgres'];
const lines: string[] = [];
const report = (line: string): void => {
  console.log(line);
  lines.push(line);
};

for (const db of databases) {
  if (only.has('throughput')) {
    console.log(`\n[${db}] post throughput, 16 concurrent HTTP clients...`);
    const r = await postThroughput(db);
    report(`${db.padEnd(8)} throughput  HTTP ${fmt(r.httpPostsPerSecond, 0)} posts/s vs raw insert ${fmt(r.rawInsertsPerSecond, 0)} rows/s = ${fmt(r.ratio * 100)}% (target >= 50%), errors ${r.errors}; `
      + `the store's post write alone ${fmt(r.storeWritesPerSecond, 0)}/s (HTTP = ${fmt((r.httpPostsPerSecond / r.storeWritesPerSecond) * 100)}% of it); server CPU ${fmt(r.serverCpuMicrosPerPost, 0)} µs per post`);
  }
  if (only.has('fanout')) {
    console.log(`\n[${db}] fan-out...`);
    const r = await fanoutBench(db);
    report(`${db.padEnd(8)} fan-out     ${r.sockets} sockets, ${r.posts} posts, ${r.deliveries}/${r.expectedDeliveries} deliveries, POST->posted p50 ${fmt(r.p50)} ms p99 ${fmt(r.p99)} ms (target p99 < 50 ms)`);
  }
  if (only.has('history')) {
    console.log(`\n[${db}] history...`);
    const r = await historyBench(db);
    report(`${db.padEnd(8)} history     ${r.posts} posts (seeded in ${fmt(r.seedSeconds)} s): newest page p50 ${fmt(r.newestP50, 2)} ms p99 ${fmt(r.newestP99, 2)} ms; page ${r.posts / 2} back p50 ${fmt(r.deepP50, 2)} ms p99 ${fmt(r.deepP99, 2)} ms (target p99 < 20 ms)`);
  }
  if (only.has('memory')) {
    console.log(`\n[${db}] memory...`);
    const r = await memoryBench(db);
    report(`${db.padEnd(8)} memory      ${r.sockets} idle sockets: RSS ${fmt(r.baselineKiB / 1024)} -> ${fmt(r.withSocketsKiB / 1024)} MiB = ${fmt(r.perSocketKiB, 2)} KiB per socket (target < 16 KiB)`);
  }
  if (only.has('largeposts')) {
    console.log(`\n[${db}] large posts...`);
    const r = await largePostsBench(db);
    report(`${db.padEnd(8)} large posts ${r.readers} readers of 60-post pages of ~400 KB posts: ${r.pages} pages, ${fmt(r.postsPerPage)} posts / ${fmt(r.pageMiB)} MiB per page; `
      + `RSS ${fmt(r.baselineMiB)} -> peak ${fmt(r.peakMiB)} MiB; ping p50 ${fmt(r.pingP50)} ms p99 ${fmt(r.pingP99)} ms`);
  }
  if (only.has('loadtest')) {
    console.log(`\n[${db}] loadtest: init, ceiling, login storm...`);
    const r = await loadtestBench(db);
    const c = r.ceiling.atCeiling;
    report(`${db.padEnd(8)} loadtest    ceiling ${r.ceiling.supportedUsers} users (steps: ${r.ceiling.steps.map((s) => `${s.users} ${s.pass ? 'ok' : 'FAIL'}`).join(', ')}); at ${c.users}: `
      + `avg ${fmt(c.totals.averageMs)} ms p99 ${fmt(c.totals.p99Ms, 0)} ms errors ${fmt(c.totals.errorRate * 100, 4)} %, posted p99 ${fmt(c.posted.p99Ms, 0)} ms; `
      + `server CPU ${fmt(r.serverCpuPerUserMinute * 1000, 2)} ms per user-minute, RSS ${fmt(r.rssPerUserKiB)} KiB per user; `
      + `logins ${fmt(r.logins.loginsPerSecond, 0)}/s (p99 ${fmt(r.logins.p99Ms, 0)} ms); ${r.users} users online in ${r.allOnlineSeconds === null ? 'n/a (not all)' : `${fmt(r.allOnlineSeconds, 0)} s`}; init ${fmt(r.initSeconds, 0)} s`);
    for (const row of c.routes.slice(0, 15)) {
      report(`${''.padEnd(8)}   ${row.route.padEnd(48)} ${String(row.count).padStart(8)} avg ${fmt(row.averageMs).padStart(7)} ms p99 ${fmt(row.p99Ms, 0).padStart(6)} ms errors ${row.errors}`);
    }
  }
  if (only.has('directory')) {
    console.log(`\n[${db}] people and channel pickers on a large directory...`);
    const r = await directorySearchBench(db);
    report(`${db.padEnd(8)} directory   ${r.users} users, ${r.channels} channels (seeded in ${fmt(r.seedSeconds)} s), target p99 < 50 ms:`);
    for (const q of r.queries) report(`${''.padEnd(8)}   ${q.label.padEnd(44)} p50 ${fmt(q.p50, 2).padStart(7)} ms p99 ${fmt(q.p99, 2).padStart(7)} ms (${q.results} results)`);
  }
  if (only.has('notifications')) {
    console.log(`\n[${db}] notifications: email and push under posting load...`);
    const r = await notificationBench(db);
    report(`${db.padEnd(8)} notify      ${r.posts} posts with ${fmt(r.emails.expected / r.posts)} mentions each: posting off ${fmt(r.off.postsPerSecond, 0)} posts/s (p99 ${fmt(r.off.p99)} ms), `
      + `on ${fmt(r.on.postsPerSecond, 0)} posts/s (p99 ${fmt(r.on.p99)} ms); `
      + `email ${r.emails.received}/${r.emails.expected} at ${fmt(r.emails.perSecond, 0)}/s, lag p50 ${fmt(r.emails.lagP50, 0)} ms p99 ${fmt(r.emails.lagP99, 0)} ms; `
      + `push ${r.pushes.received}/${r.pushes.expected} at ${fmt(r.pushes.perSecond, 0)}/s, lag p50 ${fmt(r.pushes.lagP50, 0)} ms p99 ${fmt(r.pushes.lagP99, 0)} ms`);
  }
  if (only.has('webhooks')) {
    console.log(`\n[${db}] webhooks: incoming vs API posts, outgoing dispatch to a slow integration...`);
    const r = await webhookBench(db);
    report(`${db.padEnd(8)} webhooks    API ${fmt(r.posts.postsPerSecond, 0)} posts/s (${fmt(r.posts.cpuMicros, 0)} µs CPU each), `
      + `incoming hook ${fmt(r.incoming.postsPerSecond, 0)} posts/s (${fmt(r.incoming.cpuMicros, 0)} µs) = ${fmt((r.incoming.postsPerSecond / r.posts.postsPerSecond) * 100)}% (target >= 80%), errors ${r.posts.errors + r.incoming.errors}; `
      + `paced ${fmt(r.pacedWithout.postsPerSecond, 0)} posts/s without an outgoing hook p50 ${fmt(r.pacedWithout.p50)} ms p99 ${fmt(r.pacedWithout.p99)} ms, `
      + `with one firing on every post p50 ${fmt(r.pacedWith.p50)} ms p99 ${fmt(r.pacedWith.p99)} ms; `
      + `saturated with the hook ${fmt(r.withOutgoing.postsPerSecond, 0)} posts/s (${fmt(r.withOutgoing.cpuMicros, 0)} µs), `
      + `calls to a 200 ms integration ${r.outgoing.received}/${r.outgoing.triggered} at ${fmt(r.outgoing.callsPerSecond, 0)}/s, lag p50 ${fmt(r.outgoing.lagP50, 0)} ms p99 ${fmt(r.outgoing.lagP99, 0)} ms`);
  }
  if (only.has('search')) {
    console.log(`\n[${db}] post search...`);
    const r = await searchBench(db);
    report(`${db.padEnd(8)} search      ${r.posts} posts: written with indexing ${fmt(r.seedPostsPerSecond, 0)} posts/s, reindex ${r.reindexPostsPerSecond === null ? 'skipped' : `${fmt(r.reindexPostsPerSecond, 0)} posts/s`}; `
      + `database ${fmt(r.databaseMiBPerMillion)} MiB per million posts (search index ${r.indexMiBPerMillion === null ? 'n/a' : fmt(r.indexMiBPerMillion)}); `
      + `20 searches p50 ${fmt(r.p50, 2)} ms p99 ${fmt(r.p99, 2)} ms (target p99 < 100 ms):`);
    for (const q of r.queries) report(`${''.padEnd(8)}   ${q.label.padEnd(32)} p50 ${fmt(q.p50, 2).padStart(7)} ms p99 ${fmt(q.p99, 2).padStart(7)} ms (${q.results} results)`);
  }
  if (only.has('ldap')) {
    console.log(`\n[${db}] AD/LDAP: sign-ins against slapd, sync of the whole directory...`);
    const r = await ldapBench(db);
    report(`${db.padEnd(8)} ldap        ${r.entries} first sign-ins ${fmt(r.firstLoginsPerSecond, 0)}/s p50 ${fmt(r.firstLoginP50)} ms p99 ${fmt(r.firstLoginP99)} ms; `
      + `${r.logins} sign-ins p50 ${fmt(r.loginP50)} ms p99 ${fmt(r.loginP99)} ms (8 clients); `
      + `sync of ${r.entries} accounts ${fmt(r.syncSeconds, 2)} s (updated ${r.syncData.updated}, deactivated ${r.syncData.deactivated}, failed ${r.syncData.failed})`);
  }
  if (only.has('admin')) {
    console.log(`\n[${db}] administration: audit chain, logins, config writes...`);
    const r = await adminBench(db);
    report(`${db.padEnd(8)} admin       audit appends ${fmt(r.auditAppendsPerSecond, 0)}/s (16 writers); verify ${r.auditRecords} records at ${fmt(r.verifyRecordsPerSecond, 0)}/s; `
      + `logins ${fmt(r.loginsPerSecond, 0)}/s p50 ${fmt(r.loginP50)} ms p99 ${fmt(r.loginP99)} ms; PUT /config/patch p50 ${fmt(r.configPatchP50)} ms p99 ${fmt(r.configPatchP99)} ms`);
  }
}

console.log('\n=== Parley benchmark summary ===');
for (const line of lines) console.log(line);
