import { useEffect, useRef } from 'react';
import { getState, setState, useStore } from '../../store/store';
import { useT } from '../../i18n/useT';
import { navigate } from '../../router/navigate';
import { Avatar, StatusDot } from './Avatar';
import { Icon } from '../../ui/icons';

/** Name/avatar click: who this is, and a button to message them. */
export function ProfilePopover() {
  const t = useT();
  const popover = useStore((s) => s.profilePopover);
  const user = useStore((s) => (s.profilePopover ? s.users[s.profilePopover.userId] : undefined));
  const isMe = useStore((s) => s.profilePopover?.userId === s.me?.id);
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!popover) return;
    const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    ref.current?.querySelector<HTMLElement>('button')?.focus();
    const close = (e: MouseEvent): void => {
      if (!ref.current?.contains(e.target as Node)) setState({ profilePopover: null });
    };
    document.addEventListener('mousedown', close);
    return () => {
      document.removeEventListener('mousedown', close);
      // Closed with Esc (focus was inside and is now lost): back to the name or avatar that opened it.
      if ((document.activeElement === document.body || !document.activeElement) && opener?.isConnected) opener.focus();
    };
  }, [popover]);
  if (!popover || !user) return null;
  const fullName = [user.first_name, user.last_name].filter(Boolean).join(' ');
  const top = Math.min(popover.y, window.innerHeight - 300);
  const left = Math.min(popover.x, window.innerWidth - 300);
  const message = (): void => {
    const team = getState().teams[getState().currentTeamId];
    setState({ profilePopover: null });
    if (team) navigate(`/${team.name}/messages/@${user.username}`);
  };
  return (
    <div
      className="popover profile-popover"
      ref={ref}
      role="dialog"
      aria-label={t('profile.label', { name: user.username })}
      style={{ top, left }}
      onKeyDown={(e) => e.key === 'Escape' && setState({ profilePopover: null })}
    >
      <div className="profile-head">
        <Avatar userId={user.id} size={72} />
        <div>
          <div className="profile-name">{fullName || `@${user.username}`}</div>
          {fullName && <div className="profile-username">@{user.username}</div>}
          {user.position && <div className="profile-position">{user.position}</div>}
          <div className="profile-status">
            <StatusDot userId={user.id} />
          </div>
        </div>
      </div>
      {user.email && <div className="profile-email">{user.email}</div>}
      {!isMe && (
        <button type="button" className="button primary wide" onClick={message}>
          <Icon name="message" size={16} /> {t('profile.message')}
        </button>
      )}
    </div>
  );
}
