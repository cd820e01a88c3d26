import { useStore } from '../../store/store';
import { collapsedThreads } from '../../store/selectors';
import { useT } from '../../i18n/useT';
import { RadioList } from './Choice';
import { saveNotifyProps, useNotifyProps } from './notifyProps';

/**
 * Which replies count as mentions (`comments`). With collapsed reply threads on, followed threads take its place
 * (the desktop section's thread setting), so it is not shown then, as in Mattermost.
 */
export function ReplyNotificationSettings() {
  const t = useT();
  const props = useNotifyProps();
  const crt = useStore(collapsedThreads);
  if (crt) return null;
  return (
    <div className="setting-row">
      <div className="setting-label">{t('notify.replies')}</div>
      <RadioList
        name={t('notify.replies')}
        value={props.comments}
        options={[['any', t('notify.repliesAny')], ['root', t('notify.repliesRoot')], ['never', t('notify.repliesNever')]]}
        onChange={(v) => saveNotifyProps({ comments: v })}
      />
    </div>
  );
}
