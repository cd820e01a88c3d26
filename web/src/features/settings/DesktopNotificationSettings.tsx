import { useState } from 'react';
import { useStore } from '../../store/store';
import { collapsedThreads } from '../../store/selectors';
import { notificationsSupported, requestNotificationPermission } from '../../realtime/notify';
import { NOTIFICATION_SOUNDS, playNotificationSound } from '../../realtime/notification_sound';
import { useT } from '../../i18n/useT';
import { Checkbox, Choice, RadioList } from './Choice';
import { saveNotifyProps, useNotifyProps } from './notifyProps';

function PermissionRow() {
  const t = useT();
  const [permission, setPermission] = useState<string>(notificationsSupported() ? Notification.permission : 'unsupported');
  return (
    <div className="setting-row">
      <div className="setting-label">{t('notify.permission')}</div>
      <div>
        <p className="muted-text">
          {permission === 'granted' ? t('notify.granted') : permission === 'denied' ? t('notify.denied') : permission === 'unsupported' ? t('notify.unsupported') : t('notify.default')}
        </p>
        {permission === 'default' && (
          <button type="button" className="button primary" onClick={() => void requestNotificationPermission().then(setPermission)}>
            {t('notify.enable')}
          </button>
        )}
      </div>
    </div>
  );
}

/** Desktop notifications: the browser's permission, what to notify about, followed threads, the sound. */
export function DesktopNotificationSettings() {
  const t = useT();
  const props = useNotifyProps();
  const crt = useStore(collapsedThreads);
  const soundOn = props.desktop_sound !== 'false';
  return (
    <>
      <PermissionRow />
      <div className="setting-row">
        <div className="setting-label">{t('notify.sendFor')}</div>
        <div className="setting-stack">
          <RadioList
            name={t('notify.sendFor')}
            value={props.desktop}
            options={[['all', t('notify.all')], ['mention', t('notify.mentions')], ['none', t('notify.none')]]}
            onChange={(v) => saveNotifyProps({ desktop: v })}
          />
          {crt && props.desktop === 'mention' && (
            <Checkbox
              label={t('notify.desktopThreads')}
              checked={props.desktop_threads !== 'mention'}
              onChange={(on) => saveNotifyProps({ desktop_threads: on ? 'all' : 'mention' })}
            />
          )}
        </div>
      </div>
      <div className="setting-row">
        <div className="setting-label">{t('notify.sound')}</div>
        <div className="setting-stack">
          <Choice
            name={t('notify.sound')}
            value={soundOn ? 'true' : 'false'}
            options={[['true', t('settings.on')], ['false', t('settings.off')]]}
            onChange={(v) => saveNotifyProps({ desktop_sound: v })}
          />
          {soundOn && (
            <div className="sound-picker">
              <select
                aria-label={t('notify.soundChoice')}
                value={props.desktop_notification_sound}
                onChange={(e) => {
                  playNotificationSound(e.target.value);
                  saveNotifyProps({ desktop_notification_sound: e.target.value });
                }}
              >
                {NOTIFICATION_SOUNDS.map((name) => <option key={name} value={name}>{name}</option>)}
              </select>
              <button type="button" className="button small" onClick={() => playNotificationSound(props.desktop_notification_sound)}>
                {t('notify.soundPreview')}
              </button>
            </div>
          )}
        </div>
      </div>
    </>
  );
}
