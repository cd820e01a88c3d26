import { useEffect, useRef, useState } from 'react';
import { client } from '../../../api/client';
import { useT } from '../../../i18n/useT';
import { AdminPage, LoadError, useLoad } from '../ui';
import { LOG_LEVELS, parseLogLine, visibleLogLines, type LogLevel } from './logs';

const LINES = 1000;

export function ServerLogsPage() {
  const t = useT();
  const [minimum, setMinimum] = useState<LogLevel>('debug');
  const logs = useLoad(async () => (await client.getPlainLogs(0, LINES)).map(parseLogLine), 'logs');
  const lines = visibleLogLines(logs.data ?? [], minimum);
  const end = useRef<HTMLDivElement>(null);
  useEffect(() => {
    end.current?.scrollIntoView({ block: 'end' });
  }, [logs.data, minimum]);
  const levelLabel: Record<LogLevel, string> = {
    debug: t('admin.logs.debug'),
    info: t('admin.logs.info'),
    warn: t('admin.logs.warn'),
    error: t('admin.logs.error'),
  };
  return (
    <AdminPage
      title={t('admin.logs.title')}
      actions={<button type="button" className="button small" onClick={logs.reload} disabled={logs.loading}>{t('admin.reload')}</button>}
    >
      <div className="admin-filters">
        <label className="field">
          <span>{t('admin.logs.level')}</span>
          <select value={minimum} onChange={(e) => setMinimum(e.target.value as LogLevel)}>
            {LOG_LEVELS.map((level) => (
              <option key={level} value={level}>{levelLabel[level]}</option>
            ))}
          </select>
        </label>
        <span className="muted-text">{t('admin.logs.count', { shown: lines.length, total: logs.data?.length ?? 0 })}</span>
      </div>
      <LoadError error={logs.error} />
      <div className="admin-logs" role="log" aria-label={t('admin.logs.title')} tabIndex={0}>
        {lines.map((line, i) => (
          <div key={i} className={`admin-log-line level-${line.level}`}>
            <span className="admin-log-time">{line.time ? new Date(line.time).toISOString().replace('T', ' ').slice(0, 23) : ''}</span>
            <span className="admin-log-level">{line.level}</span>
            <span className="admin-log-msg">{line.message}</span>
            {line.fields && <span className="admin-log-fields">{line.fields}</span>}
          </div>
        ))}
        {!logs.loading && lines.length === 0 && <p className="empty">{t('admin.logs.none')}</p>}
        <div ref={end} />
      </div>
    </AdminPage>
  );
}
