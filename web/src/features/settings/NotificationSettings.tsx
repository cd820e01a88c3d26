import { useState } from 'react';
import { errorMessage } from '../../api/client';
import { useStore } from '../../store/store';
import { patchMe } from '../../store/actions/users';
import { notificationsSupported, requestNotificationPermission } from '../../realtime/notify';
import { useT } from '../../i18n/useT';
import { showToast } from '../layout/Toast';

export function NotificationSettings() {
  const t = useT();
  const me = useStore((s) => s.me);
  const [permission, setPermission] = useState<string>(notificationsSupported() ? Notification.permission : 'unsupported');
  const desktop = (me?.notify_props as Record<string, string> | undefined)?.desktop ?? 'mention';
  const setDesktop = (value: string): void => {
    if (!me) return;
    patchMe({ notify_props: { ...me.notify_props, desktop: value } as typeof me.notify_props }).catch((err: unknown) => showToast(errorMessage(err)));
  };
  return (
    <div className="settings-section">
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
      <div className="setting-row">
        <div className="setting-label">{t('notify.sendFor')}</div>
        <select value={desktop} onChange={(e) => setDesktop(e.target.value)} aria-label={t('notify.sendFor')}>
          <option value="all">{t('notify.all')}</option>
          <option value="mention">{t('notify.mentions')}</option>
          <option value="none">{t('notify.none')}</option>
        </select>
      </div>
    </div>
  );
}
