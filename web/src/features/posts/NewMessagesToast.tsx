import { useT } from '../../i18n/useT';
import { Icon } from '../../ui/icons';

/** Shown over the list while the reader is scrolled up and posts arrived below; a click goes to the newest. */
export function NewMessagesToast({ count, onJump }: { count: number; onJump: () => void }) {
  const t = useT();
  if (count === 0) return null;
  return (
    <div className="new-messages-toast" role="status">
      <button type="button" onClick={onJump} aria-label={t('posts.jumpToNew', { count })}>
        <Icon name="chevronDown" size={14} />
        <span>{t('posts.newCount', { count })}</span>
      </button>
    </div>
  );
}
