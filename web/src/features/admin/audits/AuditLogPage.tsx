import { useState, type FormEvent } from 'react';
import type { Audit } from '@mattermost/types/audits';
import { client, errorMessage } from '../../../api/client';
import { useT } from '../../../i18n/useT';
import { getAudits } from '../api';
import { AdminPage, ConsoleLink, LoadError, Pager, useFormatDateTime, useLoad } from '../ui';
import { auditQuery, emptyAuditFilter, matchesAuditQuery, usernameToResolve, type AuditFilter, type AuditQuery } from './filter';

const PER_PAGE = 100;

async function loadAudits(page: number, query: AuditQuery): Promise<{ audits: Audit[]; fullPage: boolean; usernames: Map<string, string> }> {
  const answered = await getAudits(page, PER_PAGE, { ...query });
  const audits = answered.filter((a) => matchesAuditQuery(a, query));
  const ids = [...new Set(audits.map((a) => a.user_id).filter(Boolean))];
  const users = ids.length ? await client.getProfilesByIds(ids) : [];
  return { audits, fullPage: answered.length === PER_PAGE, usernames: new Map(users.map((u) => [u.id, u.username])) };
}

export function AuditLogPage() {
  const t = useT();
  const formatDateTime = useFormatDateTime();
  const [page, setPage] = useState(0);
  const [form, setForm] = useState<AuditFilter>(emptyAuditFilter);
  const [query, setQuery] = useState<AuditQuery>({});
  const [filterError, setFilterError] = useState('');
  const loaded = useLoad(() => loadAudits(page, query), JSON.stringify([page, query]));
  const usernames = loaded.data?.usernames ?? new Map<string, string>();

  const apply = async (e: FormEvent): Promise<void> => {
    e.preventDefault();
    setFilterError('');
    const username = usernameToResolve(form);
    try {
      const userId = username ? (await client.getUserByUsername(username)).id : '';
      setQuery(auditQuery(form, userId));
      setPage(0);
    } catch (err) {
      setFilterError(t('admin.audits.userNotFound', { user: username, error: errorMessage(err) }));
    }
  };
  const field = (key: keyof AuditFilter, label: string, type = 'text') => (
    <label className="field">
      <span>{label}</span>
      <input name={key} type={type} value={form[key]} onChange={(e) => setForm({ ...form, [key]: e.target.value })} />
    </label>
  );
  return (
    <AdminPage title={t('admin.audits.title')} actions={<button type="button" className="button small" onClick={loaded.reload}>{t('admin.reload')}</button>}>
      <form className="admin-filters" role="search" onSubmit={(e) => void apply(e)}>
        {field('user', t('admin.audits.user'))}
        {field('action', t('admin.audits.actionPrefix'))}
        {field('from', t('admin.audits.from'), 'date')}
        {field('to', t('admin.audits.to'), 'date')}
        <button type="submit" className="button">{t('admin.audits.apply')}</button>
        {filterError && <span className="form-error" role="alert">{filterError}</span>}
      </form>
      <LoadError error={loaded.error} />
      <table className="admin-table">
        <thead>
          <tr>
            <th scope="col">{t('admin.audits.time')}</th>
            <th scope="col">{t('admin.audits.user')}</th>
            <th scope="col">{t('admin.audits.action')}</th>
            <th scope="col">{t('admin.audits.details')}</th>
            <th scope="col">{t('admin.audits.address')}</th>
          </tr>
        </thead>
        <tbody>
          {(loaded.data?.audits ?? []).map((audit) => (
            <tr key={audit.id}>
              <td className="nowrap">{formatDateTime(audit.create_at)}</td>
              <td>
                {audit.user_id ? (
                  <ConsoleLink to={`user_management/users/${audit.user_id}`}>{usernames.has(audit.user_id) ? `@${usernames.get(audit.user_id)}` : audit.user_id}</ConsoleLink>
                ) : '—'}
              </td>
              <td><code>{audit.action}</code></td>
              <td className="admin-wrap">{audit.extra_info}</td>
              <td>{audit.ip_address}</td>
            </tr>
          ))}
          {!loaded.loading && loaded.data?.audits.length === 0 && (
            <tr><td colSpan={5} className="empty">{t('admin.audits.none')}</td></tr>
          )}
        </tbody>
      </table>
      <Pager page={page} hasNext={loaded.data?.fullPage ?? false} onPage={setPage} />
    </AdminPage>
  );
}
