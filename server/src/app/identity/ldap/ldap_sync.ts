import type { Entry } from 'ldapts';
import { AppError } from '../../../model/errors.js';
import type { UserRecord } from '../../../model/types.js';
import type { JobRecord } from '../../../store/jobs/jobs.js';
import type { AppDeps } from '../../deps.js';
import type { JobHandler } from '../../jobs/job_runner.js';
import type { UserService } from '../../users.js';
import type { ExternalAccounts } from '../external_accounts.js';
import { andFilters, LdapConnection, timed } from './ldap_connection.js';
import { adminFilterOf, savedLdapSettings } from './ldap_login.js';
import { firstValue, mappedAttributes, profileOf } from './ldap_profile.js';
import { checkLdapSettings, type LdapSettings } from './ldap_settings.js';

export const LDAP_SYNC_JOB = 'ldap_sync';

/** What a run did, kept in the job's data (strings, as Mattermost's Job.Data) for the console. */
export interface SyncSummary {
  total: number;
  done: number;
  updated: number;
  deactivated: number;
  reactivated: number;
  failed: number;
}

/** Progress is written at most this often (entries), so a large directory is not a write per person. */
const PROGRESS_EVERY = 250;

/**
 * AD/LDAP synchronisation (job type ldap_sync), as Mattermost's: reads every entry UserFilter admits, page by page,
 * and brings every account that signs in through AD/LDAP in line with its entry (names, position, address, admin
 * role by AdminFilter). An account whose entry is gone, or no longer matches UserFilter, is deactivated, which ends
 * its sessions; one whose entry is back is reactivated. Nobody is created: accounts appear at their first sign-in.
 * If the directory returns no entry at all while active accounts exist, nothing is deactivated (a wrong BaseDN or
 * filter would otherwise lock everyone out); the run fails instead, for the administrator to see.
 */
export class LdapSync implements JobHandler {
  constructor(private readonly deps: AppDeps, private readonly users: UserService, private readonly accounts: ExternalAccounts) {}

  async run(job: JobRecord): Promise<void> {
    await timed('sync', () => this.synchronize(job));
  }

  private async synchronize(job: JobRecord): Promise<void> {
    const settings = savedLdapSettings(this.deps);
    if (!settings.enable) throw new AppError('ent.ldap.disabled.app_error', 'AD/LDAP is disabled.', 400);
    checkLdapSettings(settings, 503);
    const known = await this.deps.store.users.listByAuthService('ldap');
    const entries = await this.readDirectory(settings);
    const summary: SyncSummary = { total: known.length, done: 0, updated: 0, deactivated: 0, reactivated: 0, failed: 0 };
    const report = (): Promise<void> => this.deps.store.jobs.reportProgress(job.id, percent(summary), dataOf(job, summary));
    await report();
    if (entries.size === 0 && known.some((user) => user.delete_at === 0)) {
      throw new AppError('ent.ldap.syncronize.search_failure.app_error',
        'The AD/LDAP search found no users; no account was deactivated. Check BaseDN and UserFilter.', 503);
    }
    for (const user of known) {
      await this.syncOne(user, entries.get(user.auth_data), settings, summary);
      summary.done += 1;
      if (summary.done % PROGRESS_EVERY === 0) await report();
    }
    await report();
    this.deps.log.info({ job: job.id, ...summary }, 'AD/LDAP sync finished');
  }

  /** Every entry UserFilter admits, by IdAttribute, with whether AdminFilter matches it. */
  private async readDirectory(settings: LdapSettings): Promise<Map<string, { entry: Entry; admin?: boolean }>> {
    const connection = await LdapConnection.open(settings, 503);
    try {
      const entries = new Map<string, { entry: Entry; admin?: boolean }>();
      const filter = andFilters(503, `(${settings.idAttribute}=*)`, settings.userFilter);
      for await (const page of connection.pages(filter, mappedAttributes(settings))) {
        for (const entry of page) {
          const id = firstValue(entry, settings.idAttribute);
          if (id !== '') entries.set(id, { entry });
        }
      }
      const adminFilter = adminFilterOf(settings);
      if (adminFilter !== undefined) {
        for (const id of entries.keys()) entries.get(id)!.admin = false;
        for await (const page of connection.pages(andFilters(503, filter, adminFilter), [settings.idAttribute])) {
          for (const entry of page) {
            const found = entries.get(firstValue(entry, settings.idAttribute));
            if (found) found.admin = true;
          }
        }
      }
      return entries;
    } finally {
      await connection.close();
    }
  }

  private async syncOne(user: UserRecord, found: { entry: Entry; admin?: boolean } | undefined, settings: LdapSettings, summary: SyncSummary): Promise<void> {
    try {
      if (!found) {
        if (user.delete_at === 0) {
          await this.users.updateActive(user, false);
          summary.deactivated += 1;
        }
        return;
      }
      let current = user;
      if (user.delete_at > 0 && !user.is_bot) {
        current = await this.users.updateActive(user, true);
        summary.reactivated += 1;
      }
      // The account was listed by its auth data, so it is refreshed as it is, without being looked up again.
      const after = await this.accounts.refresh(current, profileOf(found.entry, settings, found.admin));
      if (after.update_at !== current.update_at) summary.updated += 1;
    } catch (err) {
      // One account that cannot be updated (say, its new address is another account's) does not stop the others.
      summary.failed += 1;
      this.deps.log.warn({ user: user.id, err: err instanceof Error ? err.message : String(err) }, 'AD/LDAP sync could not update an account');
    }
  }
}

const percent = (s: SyncSummary): number => (s.total === 0 ? 100 : Math.floor((s.done * 100) / s.total));

function dataOf(job: JobRecord, summary: SyncSummary): string {
  let data: Record<string, unknown> = {};
  try {
    const parsed: unknown = JSON.parse(job.data);
    if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) data = parsed as Record<string, unknown>;
  } catch {
    // A job's data is written by this server; unreadable data is replaced.
  }
  return JSON.stringify({ ...data, ...Object.fromEntries(Object.entries(summary).map(([key, value]) => [key, String(value)])) });
}
