import type { AnalyticsRow } from '@mattermost/types/admin';
import { client } from '../../../api/client';
import { useT } from '../../../i18n/useT';
import { AdminPage, LoadError, useLoad } from '../ui';
import { BarChart } from './BarChart';
import { dailySeries } from './chart';

function rowValue(rows: AnalyticsRow[] | undefined, name: string): number | undefined {
  return rows?.find((row) => row.name === name)?.value;
}

function Stat({ label, value }: { label: string; value: number | undefined }) {
  // -1 is the server's "not counted" (too costly on a big server); undefined is "not loaded".
  const text = value === undefined || value < 0 ? '—' : value.toLocaleString();
  return (
    <div className="admin-stat">
      <span className="admin-stat-label">{label}</span>
      <span className="admin-stat-value" data-stat={label}>{text}</span>
    </div>
  );
}

export function StatisticsPage() {
  const t = useT();
  const standard = useLoad(() => client.getAnalytics('standard'), 'standard');
  const extra = useLoad(() => client.getAnalytics('extra_counts'), 'extra_counts');
  const postsPerDay = useLoad(() => client.getAnalytics('post_counts_day'), 'post_counts_day');
  const usersPerDay = useLoad(() => client.getAnalytics('user_counts_with_posts_day'), 'user_counts_with_posts_day');
  const s = standard.data;
  const x = extra.data;
  const reload = (): void => [standard, extra, postsPerDay, usersPerDay].forEach((l) => l.reload());
  return (
    <AdminPage title={t('admin.stats.title')} actions={<button type="button" className="button small" onClick={reload}>{t('admin.reload')}</button>}>
      <LoadError error={standard.error || extra.error} />
      <div className="admin-stats">
        <Stat label={t('admin.stats.totalUsers')} value={rowValue(s, 'unique_user_count')} />
        <Stat label={t('admin.stats.inactiveUsers')} value={rowValue(s, 'inactive_user_count')} />
        <Stat label={t('admin.stats.dailyActive')} value={rowValue(s, 'daily_active_users')} />
        <Stat label={t('admin.stats.monthlyActive')} value={rowValue(s, 'monthly_active_users')} />
        <Stat label={t('admin.stats.teams')} value={rowValue(s, 'team_count')} />
        <Stat label={t('admin.stats.publicChannels')} value={rowValue(s, 'channel_open_count')} />
        <Stat label={t('admin.stats.privateChannels')} value={rowValue(s, 'channel_private_count')} />
        <Stat label={t('admin.stats.posts')} value={rowValue(s, 'post_count')} />
        <Stat label={t('admin.stats.sessions')} value={rowValue(x, 'session_count')} />
        <Stat label={t('admin.stats.connections')} value={rowValue(s, 'total_websocket_connections')} />
        <Stat label={t('admin.stats.filePosts')} value={rowValue(x, 'file_post_count')} />
        <Stat label={t('admin.stats.hashtagPosts')} value={rowValue(x, 'hashtag_post_count')} />
        <Stat label={t('admin.stats.incomingWebhooks')} value={rowValue(x, 'incoming_webhook_count')} />
        <Stat label={t('admin.stats.outgoingWebhooks')} value={rowValue(x, 'outgoing_webhook_count')} />
        <Stat label={t('admin.stats.commands')} value={rowValue(x, 'command_count')} />
      </div>
      <div className="admin-card">
        <h2>{t('admin.stats.postsPerDay')}</h2>
        <LoadError error={postsPerDay.error} />
        <BarChart series={dailySeries(postsPerDay.data ?? [])} label={t('admin.stats.postsPerDay')} emptyText={t('admin.stats.noData')} />
      </div>
      <div className="admin-card">
        <h2>{t('admin.stats.usersPerDay')}</h2>
        <LoadError error={usersPerDay.error} />
        <BarChart series={dailySeries(usersPerDay.data ?? [])} label={t('admin.stats.usersPerDay')} emptyText={t('admin.stats.noData')} />
      </div>
    </AdminPage>
  );
}
