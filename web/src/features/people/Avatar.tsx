import { avatarUrl } from '../../api/client';
import { setState, useStore } from '../../store/store';
import { useT } from '../../i18n/useT';

export function StatusDot({ userId }: { userId: string }) {
  const t = useT();
  const status = useStore((s) => s.statuses[userId] || 'offline');
  const label = status === 'online' ? t('status.online') : status === 'away' ? t('status.away') : status === 'dnd' ? t('status.dnd') : t('status.offline');
  return <span className={`status-dot status-${status}`} role="img" aria-label={label} title={label} />;
}

/** Profile picture with an optional presence dot. */
export function Avatar({ userId, size = 36, showStatus = false }: { userId: string; size?: number; showStatus?: boolean }) {
  const lastUpdate = useStore((s) => s.users[userId]?.last_picture_update ?? 0);
  const username = useStore((s) => s.users[userId]?.username ?? '');
  return (
    <span className="avatar" style={{ width: size, height: size }}>
      <img src={avatarUrl(userId, lastUpdate)} alt={username} width={size} height={size} loading="lazy" />
      {showStatus && <StatusDot userId={userId} />}
    </span>
  );
}

/** Opens the profile popover next to the clicked element. */
export function openProfile(userId: string, target: HTMLElement): void {
  const rect = target.getBoundingClientRect();
  setState({ profilePopover: { userId, x: rect.right + 8, y: rect.top } });
}
