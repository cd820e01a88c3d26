import { useStore } from '../../store/store';
import { useT } from '../../i18n/useT';
import { DesktopNotificationSettings } from './DesktopNotificationSettings';
import { EmailNotificationSettings } from './EmailNotificationSettings';
import { PushNotificationSettings } from './PushNotificationSettings';
import { MentionKeywordSettings } from './MentionKeywordSettings';
import { ReplyNotificationSettings } from './ReplyNotificationSettings';
import '../../styles/notifications.css';

/** Settings > Notifications: desktop, email, mobile push, mention keywords, replies. Every change saves at once. */
export function NotificationSettings() {
  const t = useT();
  const email = useStore((s) => s.config.SendEmailNotifications === 'true');
  const push = useStore((s) => s.config.SendPushNotifications === 'true');
  return (
    <div className="settings-section notification-settings">
      <h4 className="settings-subhead">{t('notify.desktopTitle')}</h4>
      <DesktopNotificationSettings />
      {email && <h4 className="settings-subhead">{t('notify.emailTitle')}</h4>}
      <EmailNotificationSettings />
      {push && <h4 className="settings-subhead">{t('notify.pushTitle')}</h4>}
      <PushNotificationSettings />
      <h4 className="settings-subhead">{t('notify.mentionsTitle')}</h4>
      <MentionKeywordSettings />
      <ReplyNotificationSettings />
    </div>
  );
}
