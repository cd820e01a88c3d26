import { useStore } from '../../store/store';
import { useT } from '../../i18n/useT';
import { RadioList } from './Choice';
import { saveNotifyProps, useNotifyProps } from './notifyProps';

/** Mobile push notifications, offered when the server sends them (`SendPushNotifications`): what, and when. */
export function PushNotificationSettings() {
  const t = useT();
  const props = useNotifyProps();
  const enabled = useStore((s) => s.config.SendPushNotifications === 'true');
  if (!enabled) return null;
  return (
    <>
      <div className="setting-row">
        <div className="setting-label">{t('notify.push')}</div>
        <RadioList
          name={t('notify.push')}
          value={props.push}
          options={[['all', t('notify.all')], ['mention', t('notify.mentions')], ['none', t('notify.none')]]}
          onChange={(v) => saveNotifyProps({ push: v })}
        />
      </div>
      {props.push !== 'none' && (
        <div className="setting-row">
          <div className="setting-label">{t('notify.pushStatus')}</div>
          <RadioList
            name={t('notify.pushStatus')}
            value={props.push_status}
            options={[['online', t('notify.pushOnline')], ['away', t('notify.pushAway')], ['offline', t('notify.pushOffline')]]}
            onChange={(v) => saveNotifyProps({ push_status: v })}
          />
        </div>
      )}
    </>
  );
}
