import { prefKey, useStore } from '../../store/store';
import { useT } from '../../i18n/useT';
import { Choice, RadioList } from './Choice';
import { EMAIL_INTERVAL, EMAIL_INTERVALS, saveEmailInterval, saveNotifyProps, useNotifyProps } from './notifyProps';

/**
 * Email notifications, offered when the server sends them (`SendEmailNotifications`): on or off, and how often
 * when the server batches them (`EnableEmailBatching`), kept as the `notifications`/`email_interval` preference.
 */
export function EmailNotificationSettings() {
  const t = useT();
  const props = useNotifyProps();
  const enabled = useStore((s) => s.config.SendEmailNotifications === 'true');
  const batching = useStore((s) => s.config.EnableEmailBatching === 'true');
  const interval = useStore((s) => s.prefs[prefKey(EMAIL_INTERVAL.category, EMAIL_INTERVAL.name)]);
  if (!enabled) return null;
  const on = props.email !== 'false';
  // Without a saved choice the server batches every 15 minutes.
  const current = (EMAIL_INTERVALS as readonly string[]).includes(interval ?? '') ? (interval as string) : '900';
  return (
    <div className="setting-row">
      <div className="setting-label">{t('notify.email')}</div>
      <div className="setting-stack">
        <Choice
          name={t('notify.email')}
          value={on ? 'true' : 'false'}
          options={[['true', t('settings.on')], ['false', t('settings.off')]]}
          onChange={(v) => saveNotifyProps({ email: v })}
        />
        {on && batching && (
          <RadioList
            name={t('notify.emailInterval')}
            value={current}
            options={[['30', t('notify.emailImmediately')], ['900', t('notify.emailQuarterHour')], ['3600', t('notify.emailHourly')]]}
            onChange={saveEmailInterval}
          />
        )}
        <small className="muted-text">{t('notify.emailHint')}</small>
      </div>
    </div>
  );
}
