import { useCallback, useEffect, useState } from 'react';
import type { Job } from '@mattermost/types/jobs';
import { serverError } from '../../../../api/client';
import { useT, type Translate } from '../../../../i18n/useT';
import { useFormatDateTime } from '../../ui';
import type { PageWidgetProps } from '../page';
import { ActionSetting } from '../ActionSetting';
import { latestLdapSync, syncLdap, testLdap } from './api';

/** A job in these states is still moving: its row is reread until it settles. */
const RUNNING = new Set(['pending', 'in_progress', 'cancel_requested']);
const POLL_MS = 1500;

function statusText(t: Translate, status: string): string {
  switch (status) {
    case 'pending': return t('admin.jobs.pending');
    case 'in_progress': return t('admin.jobs.in_progress');
    case 'success': return t('admin.jobs.success');
    case 'error': return t('admin.jobs.error');
    case 'cancel_requested': return t('admin.jobs.cancel_requested');
    case 'canceled': return t('admin.jobs.canceled');
    case 'warning': return t('admin.jobs.warning');
    default: return status;
  }
}

function jobText(t: Translate, job: Job, formatDateTime: (ms: number) => string): string {
  const status = statusText(t, job.status);
  const line = t('admin.ldap.lastJob', { status, progress: Math.max(0, job.progress), time: formatDateTime(job.last_activity_at || job.create_at) });
  // A failed job says why in its data (Mattermost's jobs keep `error` there).
  const data: unknown = job.data;
  const reason = data && typeof data === 'object' ? (data as Record<string, unknown>).error : undefined;
  return typeof reason === 'string' && reason ? `${line}: ${reason}` : line;
}

/** The AD/LDAP page's buttons: test the unsaved settings, and start a synchronization and follow its job. */
export function LdapActions({ draft }: PageWidgetProps) {
  const t = useT();
  const formatDateTime = useFormatDateTime();
  const [job, setJob] = useState<Job | null | undefined>(undefined);
  const [jobError, setJobError] = useState('');

  const refresh = useCallback(async (): Promise<void> => {
    try {
      setJob(await latestLdapSync());
      setJobError('');
    } catch (err) {
      setJobError(serverError(err).message);
    }
  }, []);

  useEffect(() => {
    void refresh();
  }, [refresh]);

  // Poll only while the newest job is still running; a settled job needs no more reads.
  const running = job ? RUNNING.has(job.status) : false;
  useEffect(() => {
    if (!running) return;
    const timer = window.setInterval(() => void refresh(), POLL_MS);
    return () => window.clearInterval(timer);
  }, [running, refresh]);

  return (
    <>
      <ActionSetting
        label={t('admin.ldap.test')}
        button={t('admin.ldap.testButton')}
        busy={t('admin.ldap.testing')}
        help={t('admin.ldap.testHelp')}
        run={async () => {
          await testLdap(draft.LdapSettings);
          return t('admin.ldap.testOk');
        }}
      />
      <ActionSetting
        label={t('admin.ldap.sync')}
        button={t('admin.ldap.syncButton')}
        busy={t('admin.ldap.syncStarting')}
        help={t('admin.ldap.syncHelp')}
        disabled={running}
        run={async () => {
          await syncLdap();
          await refresh();
          return '';
        }}
      >
        <p className="setting-help" role="status" aria-label={t('admin.ldap.sync')}>
          {jobError || (job === undefined ? '' : job ? jobText(t, job, formatDateTime) : t('admin.ldap.noJobs'))}
        </p>
      </ActionSetting>
    </>
  );
}
