import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Attribute, Change, Client } from 'ldapts';
import { call } from './http.js';
import { freePort, freshDatabase, startServer, type Database } from './server_process.js';
import { percentile, progress } from './stats.js';

// AD/LDAP: sign-in latency against a real OpenLDAP slapd, and the sync of a 10,000-entry directory (every entry an
// account; a tenth changed and a hundred removed since the last sync). The directory is loaded with slapadd before
// slapd starts (the test helper, server/test/slapd.ts, adds entries over LDAP, too slow for 10,000).

const ENTRIES = Number(process.env.BENCH_LDAP_ENTRIES ?? 10_000);
const TIMED_LOGINS = Number(process.env.BENCH_LDAP_LOGINS ?? 400);
const CONCURRENCY = 8;
const BASE_DN = 'dc=parley,dc=bench';
const PEOPLE_DN = `ou=people,${BASE_DN}`;
const ROOT_DN = `cn=admin,${BASE_DN}`;
const ROOT_PASSWORD = 'bench-root-secret';
const PASSWORD = 'bench-ldap-password';

export interface LdapResult {
  entries: number;
  /** First sign-ins (account created), per second with 8 clients, and their latency. */
  firstLoginsPerSecond: number;
  firstLoginP50: number;
  firstLoginP99: number;
  /** Sign-ins of existing accounts (search, bind, refresh, session). */
  logins: number;
  loginP50: number;
  loginP99: number;
  /** POST /ldap/sync to the job's success. */
  syncSeconds: number;
  syncData: Record<string, string>;
}

const uid = (i: number): string => `benchuser${i}`;

function ldif(count: number): string {
  const out = [
    `dn: ${BASE_DN}\nobjectClass: top\nobjectClass: dcObject\nobjectClass: organization\ndc: parley\no: Parley bench\n`,
    `dn: ${PEOPLE_DN}\nobjectClass: top\nobjectClass: organizationalUnit\nou: people\n`,
  ];
  for (let i = 0; i < count; i++) {
    out.push(`dn: uid=${uid(i)},${PEOPLE_DN}\nobjectClass: inetOrgPerson\nuid: ${uid(i)}\ncn: Bench User ${i}\ngivenName: Bench${i}\n`
      + `sn: User${i}\nmail: ${uid(i)}@bench.test\nemployeeNumber: B${i}\ntitle: Engineer\nuserPassword: ${PASSWORD}\n`);
  }
  return out.join('\n');
}

async function startSlapd(count: number): Promise<{ url: string; port: number; stop(): Promise<void> }> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'parley-bench-slapd-'));
  mkdirSync(path.join(dir, 'data'));
  const conf = path.join(dir, 'slapd.conf');
  writeFileSync(conf, [
    'include /etc/ldap/schema/core.schema', 'include /etc/ldap/schema/cosine.schema', 'include /etc/ldap/schema/inetorgperson.schema',
    `pidfile ${dir}/slapd.pid`, 'modulepath /usr/lib/ldap', 'moduleload back_mdb', 'sizelimit unlimited', 'database mdb', 'maxsize 1073741824',
    `suffix "${BASE_DN}"`, `rootdn "${ROOT_DN}"`, `rootpw ${ROOT_PASSWORD}`, `directory ${dir}/data`,
    'index objectClass eq', 'index uid,mail,employeeNumber eq',
    'access to attrs=userPassword by self write by anonymous auth by * none', 'access to * by users read by * none', '',
  ].join('\n'));
  writeFileSync(path.join(dir, 'people.ldif'), ldif(count));
  const load = spawnSync('/usr/sbin/slapadd', ['-q', '-f', conf, '-l', path.join(dir, 'people.ldif')], { encoding: 'utf8' });
  if (load.status !== 0) throw new Error(`slapadd failed: ${load.stderr}`);
  const port = await freePort();
  const url = `ldap://127.0.0.1:${port}`;
  const child: ChildProcess = spawn('/usr/sbin/slapd', ['-d', '0', '-h', `${url}/`, '-f', conf], { stdio: 'ignore' });
  const stop = async (): Promise<void> => {
    if (child.exitCode === null) {
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      await exited;
    }
    rmSync(dir, { recursive: true, force: true });
  };
  for (let i = 0; ; i++) {
    const client = new Client({ url, connectTimeout: 1_000 });
    try {
      await client.bind(ROOT_DN, ROOT_PASSWORD);
      await client.unbind();
      break;
    } catch (err) {
      if (i > 200) {
        await stop();
        throw new Error(`slapd did not start: ${String(err)}`);
      }
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  return { url, port, stop };
}

/** Runs `work(i)` for i in [0, count) with `CONCURRENCY` at a time, timing each. */
async function timedRuns(count: number, label: string, work: (i: number) => Promise<void>): Promise<number[]> {
  const times: number[] = [];
  let next = 0;
  await Promise.all(Array.from({ length: CONCURRENCY }, async () => {
    while (next < count) {
      const i = next++;
      const started = performance.now();
      await work(i);
      times.push(performance.now() - started);
      if (times.length % 100 === 0 || times.length === count) progress(label, times.length, count);
    }
  }));
  return times;
}

/** Signs in (no Authorization header: the bench client's empty bearer token would be refused); the session token. */
async function login(url: string, loginId: string, password: string): Promise<string> {
  const res = await fetch(`${url}/api/v4/users/login`, {
    method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ login_id: loginId, password }),
  });
  const body = await res.text();
  if (res.status !== 200) throw new Error(`login ${loginId} answered ${res.status}: ${body}`);
  return res.headers.get('token') ?? '';
}

export async function ldapBench(db: Database): Promise<LdapResult> {
  const slapd = await startSlapd(ENTRIES);
  const database = await freshDatabase(db);
  const server = await startServer(database, {
    MM_LDAPSETTINGS_ENABLE: 'true', MM_LDAPSETTINGS_LDAPSERVER: '127.0.0.1', MM_LDAPSETTINGS_LDAPPORT: String(slapd.port),
    MM_LDAPSETTINGS_BASEDN: BASE_DN, MM_LDAPSETTINGS_BINDUSERNAME: ROOT_DN, MM_LDAPSETTINGS_BINDPASSWORD: ROOT_PASSWORD,
    MM_LDAPSETTINGS_USERFILTER: '(objectClass=inetOrgPerson)', MM_LDAPSETTINGS_IDATTRIBUTE: 'employeeNumber',
    MM_LDAPSETTINGS_LOGINIDATTRIBUTE: 'uid', MM_LDAPSETTINGS_USERNAMEATTRIBUTE: 'uid', MM_LDAPSETTINGS_EMAILATTRIBUTE: 'mail',
    MM_LDAPSETTINGS_FIRSTNAMEATTRIBUTE: 'givenName', MM_LDAPSETTINGS_LASTNAMEATTRIBUTE: 'sn', MM_LDAPSETTINGS_POSITIONATTRIBUTE: 'title',
    MM_LDAPSETTINGS_MAXPAGESIZE: '500', MM_TEAMSETTINGS_ENABLEUSERCREATION: 'true',
  });
  try {
    // The server's first account is its admin: a password account, made before any directory account.
    const admin = { username: 'benchadmin', email: 'benchadmin@bench.test', password: 'bench-admin-password' };
    const created = await fetch(`${server.url}/api/v4/users`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(admin) });
    if (created.status !== 201) throw new Error(`admin not created: ${created.status} ${await created.text()}`);
    const adminToken = await login(server.url, admin.username, admin.password);

    // Every entry signs in once (its account is created), so the sync has 10,000 accounts to bring up to date.
    const firstStarted = performance.now();
    const firstTimes = await timedRuns(ENTRIES, 'first sign-ins', async (i) => { await login(server.url, uid(i), PASSWORD); });
    const firstSeconds = (performance.now() - firstStarted) / 1000;
    const times = await timedRuns(TIMED_LOGINS, 'sign-ins', async (i) => { await login(server.url, uid((i * 7919) % ENTRIES), PASSWORD); });

    // Since then: a tenth of the entries changed, a hundred people left.
    const ldap = new Client({ url: slapd.url });
    await ldap.bind(ROOT_DN, ROOT_PASSWORD);
    for (let i = 0; i < ENTRIES; i += 10) {
      await ldap.modify(`uid=${uid(i)},${PEOPLE_DN}`, new Change({ operation: 'replace', modification: new Attribute({ type: 'title', values: ['Manager'] }) }));
    }
    for (let i = 5; i < Math.min(ENTRIES, 1_000); i += 10) await ldap.del(`uid=${uid(i)},${PEOPLE_DN}`);
    await ldap.unbind();

    const syncStarted = performance.now();
    const started = await call(server.url, 'POST', '/api/v4/ldap/sync', adminToken);
    if (started.status !== 200) throw new Error(`sync answered ${started.status}: ${started.body}`);
    let lastProgress = -1;
    for (;;) {
      const res = await call(server.url, 'GET', '/api/v4/jobs/type/ldap_sync?per_page=1', adminToken);
      const [job] = JSON.parse(res.body) as { status: string; progress: number; data: Record<string, string> }[];
      if (job && Math.floor(job.progress / 10) !== lastProgress) {
        lastProgress = Math.floor(job.progress / 10);
        console.log(`  sync: ${job.status} ${job.progress}% (${job.data.done ?? 0}/${job.data.total ?? '?'})`);
      }
      if (job?.status === 'error') throw new Error(`sync failed: ${JSON.stringify(job.data)}`);
      if (job?.status === 'success') {
        return {
          entries: ENTRIES, firstLoginsPerSecond: ENTRIES / firstSeconds, firstLoginP50: percentile(firstTimes, 50), firstLoginP99: percentile(firstTimes, 99),
          logins: times.length, loginP50: percentile(times, 50), loginP99: percentile(times, 99),
          syncSeconds: (performance.now() - syncStarted) / 1000, syncData: job.data,
        };
      }
      await new Promise((r) => setTimeout(r, 100));
    }
  } finally {
    await server.stop();
    await database.drop();
    await slapd.stop();
  }
}
