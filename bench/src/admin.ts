import { verifyAuditChain } from '@parley/server/dist/app/admin/audit_verify.js';
import { newId } from '@parley/server/dist/model/id.js';
import { call } from './http.js';
import { Seeder } from './seed.js';
import { freshDatabase, startServer, type Database } from './server_process.js';
import { percentile, progress } from './stats.js';

const WRITERS = 16;
const SECONDS = Number(process.env.BENCH_ADMIN_SECONDS ?? 5);
const CONFIG_WRITES = 60;

export interface AdminResult {
  /** Audit records appended per second by 16 concurrent writers (each append takes the chain head in turn). */
  auditAppendsPerSecond: number;
  auditRecords: number;
  /** `parley audit verify`'s work: records rehashed and checked per second. */
  verifyRecordsPerSecond: number;
  /** Logins per second by 16 concurrent clients over HTTP (password hash, session, audit record). */
  loginsPerSecond: number;
  loginP50: number;
  loginP99: number;
  /** PUT /config/patch: validate, store, apply, publish, audit. */
  configPatchP50: number;
  configPatchP99: number;
}

async function timed<T>(work: () => Promise<T>, samples: number[]): Promise<T> {
  const started = performance.now();
  const result = await work();
  samples.push(performance.now() - started);
  return result;
}

export async function adminBench(db: Database): Promise<AdminResult> {
  const database = await freshDatabase(db);
  const seeder = await Seeder.open(database);
  const teamId = await seeder.team();
  const users = await seeder.users(WRITERS, teamId, 'login users');
  const [admin] = await seeder.users(1, teamId, 'admin');
  const adminRecord = await seeder.store.users.get(admin.id);
  if (adminRecord) await seeder.store.users.update({ ...adminRecord, roles: 'system_user system_admin' });

  let appended = 0;
  const until = Date.now() + SECONDS * 1000;
  await Promise.all(Array.from({ length: WRITERS }, async (_, writer) => {
    while (Date.now() < until) {
      await seeder.store.audits.append({
        id: newId(), create_at: Date.now(), user_id: users[writer].id, action: 'bench.append', object: users[writer].id,
        extra_info: 'success', ip_address: '127.0.0.1', session_id: '', result: 'success',
      });
      appended++;
    }
  }));
  const verifyStarted = performance.now();
  const report = await verifyAuditChain(seeder.store.audits, { onProgress: (done, total) => progress('verify', done, total) });
  const verifySeconds = (performance.now() - verifyStarted) / 1000;
  if (report.problem) throw new Error(`audit chain broken in the benchmark: ${JSON.stringify(report.problem)}`);
  await seeder.close();

  const server = await startServer(database);
  try {
    const loginTimes: number[] = [];
    const loginUntil = Date.now() + SECONDS * 1000;
    await Promise.all(users.map(async (user) => {
      while (Date.now() < loginUntil) {
        const res = await timed(() => call(server.url, 'POST', '/api/v4/users/login', '', { login_id: user.username, password: 'bench-password' }), loginTimes);
        if (res.status !== 200) throw new Error(`login answered ${res.status}: ${res.body}`);
      }
    }));

    const login = await fetch(`${server.url}/api/v4/users/login`, {
      method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ login_id: admin.username, password: 'bench-password' }),
    });
    const adminToken = login.headers.get('token') ?? '';
    const configTimes: number[] = [];
    for (let i = 0; i < CONFIG_WRITES; i++) {
      const res = await timed(() => call(server.url, 'PUT', '/api/v4/config/patch', adminToken, { TeamSettings: { SiteName: `Bench ${i}` } }), configTimes);
      if (res.status !== 200) throw new Error(`config patch answered ${res.status}: ${res.body}`);
    }
    return {
      auditAppendsPerSecond: appended / SECONDS, auditRecords: report.checked, verifyRecordsPerSecond: report.checked / verifySeconds,
      loginsPerSecond: loginTimes.length / SECONDS, loginP50: percentile(loginTimes, 50), loginP99: percentile(loginTimes, 99),
      configPatchP50: percentile(configTimes, 50), configPatchP99: percentile(configTimes, 99),
    };
  } finally {
    await server.stop();
    await database.drop();
  }
}
