import { createHash } from 'node:crypto';
import type { JsonObject } from '../../../config/document/paths.js';
import { guarded } from '../../../metrics/unexpected.js';
import { AppError, notFound } from '../../../model/errors.js';
import { newId } from '../../../model/id.js';
import type { JobRecord } from '../../../store/jobs/jobs.js';
import type { Actor } from '../../actor.js';
import { requireAnySystem } from '../../admin/system_permission.js';
import type { AppDeps } from '../../deps.js';
import type { JobRunner } from '../../jobs/job_runner.js';
import type { Permissions } from '../../permissions.js';
import type { UserService } from '../../users.js';
import type { ExternalAccounts } from '../external_accounts.js';
import { andFilters, LdapConnection } from './ldap_connection.js';
import { jobView, type JobView } from './job_view.js';
import { LdapLogin, savedLdapSettings } from './ldap_login.js';
import { checkLdapSettings, draftLdapSettings, type LdapSettings } from './ldap_settings.js';
import { LDAP_SYNC_JOB, LdapSync } from './ldap_sync.js';

// Who may do what, as upstream's api4/ldap.go and api4/job.go (manage_system includes them all).
const TEST = ['manage_system', 'test_ldap', 'sysconsole_write_authentication_ldap'];
const TEST_DRAFT = ['manage_system', 'test_ldap', 'sysconsole_read_authentication_ldap'];
const SYNC = ['manage_system', 'create_ldap_sync_job'];
const READ_SYNC_JOBS = ['manage_system', 'read_ldap_sync_job'];

/** How often each node looks whether the current sync interval has its run yet (it costs nothing until it has not). */
const SCHEDULE_CHECK_MS = 5_000;
/** Finished sync runs are kept this long for the console. */
const KEEP_RUNS_MS = 30 * 24 * 3_600_000;

// Upstream answers 501 (its LDAP needs a licence); here AD/LDAP is always there and only switched off, which is no
// server failure: 400, like other requests the settings do not allow now.
const disabled = (): AppError => new AppError('ent.ldap.disabled.app_error', 'AD/LDAP is disabled.', 400);

/**
 * AD/LDAP: sign-in (LdapLogin, wired into UserService), synchronisation as a job on the server's job queue, run now
 * or every SyncIntervalMinutes, and the console's connection tests.
 */
export class LdapService {
  readonly login: LdapLogin;
  private readonly sync: LdapSync;
  private timer?: NodeJS.Timeout;
  private scheduledSlot = '';

  constructor(
    private readonly deps: AppDeps, private readonly permissions: Permissions, users: UserService, accounts: ExternalAccounts,
    private readonly runner: JobRunner,
  ) {
    this.login = new LdapLogin(deps, accounts);
    this.sync = new LdapSync(deps, users, accounts);
    // One attempt: a failed run is shown to the administrator, and the next interval runs anyway.
    runner.register(LDAP_SYNC_JOB, this.sync, { maxAttempts: 1, firstRetryMs: 60_000, keepFinished: true });
  }

  /** POST /ldap/test: connects and binds with the saved settings and searches BaseDN. */
  async test(actor: Actor): Promise<void> {
    requireAnySystem(this.permissions, actor, TEST);
    await this.tryOut(savedLdapSettings(this.deps));
  }

  /** POST /ldap/test_connection: the same with the console's form (unsaved settings), as newer Mattermost servers. */
  async testDraft(actor: Actor, form: unknown): Promise<void> {
    requireAnySystem(this.permissions, actor, TEST_DRAFT);
    await this.tryOut(draftLdapSettings(form, this.deps.liveConfig.document.LdapSettings as unknown as JsonObject));
  }

  private async tryOut(settings: LdapSettings): Promise<void> {
    checkLdapSettings(settings, 400);
    const connection = await LdapConnection.open(settings, 400);
    try {
      await connection.search(andFilters(400, '(objectClass=*)', settings.userFilter), ['1.1'], 1);
    } finally {
      await connection.close();
    }
  }

  /** POST /ldap/sync: queues a sync run now. */
  async syncNow(actor: Actor): Promise<JobRecord> {
    requireAnySystem(this.permissions, actor, SYNC);
    if (!savedLdapSettings(this.deps).enable) throw disabled();
    const job = newJob(newId(), { source: 'manual', requested_by: actor.userId });
    await this.deps.store.jobs.enqueueOnce(job);
    this.runner.wake();
    return job;
  }

  /** GET /jobs/type/{type}: sync runs for those who may read them; other types for system admins only. */
  async jobsOfType(actor: Actor, type: string, page: number, perPage: number): Promise<JobView[]> {
    requireAnySystem(this.permissions, actor, type === LDAP_SYNC_JOB ? READ_SYNC_JOBS : ['manage_system']);
    return (await this.deps.store.jobs.listByType(type, page * perPage, perPage)).map(jobView);
  }

  /** GET /jobs/{id}, under the same rule. */
  async job(actor: Actor, id: string): Promise<JobView> {
    requireAnySystem(this.permissions, actor, READ_SYNC_JOBS);
    const job = await this.deps.store.jobs.get(id);
    if (!job) throw notFound('job');
    requireAnySystem(this.permissions, actor, job.type === LDAP_SYNC_JOB ? READ_SYNC_JOBS : ['manage_system']);
    return jobView(job);
  }

  /** Starts the periodic sync (LdapSettings.EnableSync, every SyncIntervalMinutes) on this node. */
  start(): void {
    if (this.timer) return;
    this.timer = setInterval(guarded('timer', () => this.schedule(), this.deps.log), SCHEDULE_CHECK_MS);
    this.timer.unref();
    this.schedule();
  }

  close(): void {
    clearInterval(this.timer);
    this.timer = undefined;
  }

  /**
   * Queues the current interval's run. Its id is derived from the interval, so every node (and a restarted one)
   * queues the same job and the insert keeps one: one run per interval across the cluster.
   */
  private schedule(): void {
    const settings = savedLdapSettings(this.deps);
    if (!settings.enable || !settings.enableSync) return;
    const intervalMs = settings.syncIntervalMinutes * 60_000;
    const slot = `${settings.syncIntervalMinutes}:${Math.floor(Date.now() / intervalMs)}`;
    if (slot === this.scheduledSlot) return;
    const id = createHash('sha256').update(`${LDAP_SYNC_JOB}:${slot}`).digest('hex').slice(0, 26);
    void (async () => {
      const jobs = this.deps.store.jobs;
      if (await jobs.enqueueOnce(newJob(id, { source: 'schedule' }))) this.runner.wake();
      this.scheduledSlot = slot;
      await jobs.removeFinished(LDAP_SYNC_JOB, Date.now() - KEEP_RUNS_MS);
    })().catch((err: unknown) => this.deps.log.warn({ err }, 'AD/LDAP sync not scheduled'));
  }
}

function newJob(id: string, data: Record<string, string>): JobRecord {
  const now = Date.now();
  return {
    id, type: LDAP_SYNC_JOB, status: 'pending', group_key: '', data: JSON.stringify(data), attempts: 0, run_at: now,
    create_at: now, start_at: 0, last_activity_at: 0, last_error: '', progress: 0,
  };
}
