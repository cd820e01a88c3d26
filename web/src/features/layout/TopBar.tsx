import { setState, useStore } from '../../store/store';
import { useT } from '../../i18n/useT';
import { Icon } from '../../ui/icons';
import { Menu } from '../../ui/Menu';
import { Avatar } from '../people/Avatar';
import { logout } from '../../store/actions/session';
import { setMyStatus } from '../../store/actions/users';
import type { RhsView } from '../../store/store';
import { navigate } from '../../router/navigate';
import { canOpenConsole } from '../admin/access';
import { SearchBox } from '../search/SearchBox';

function toggleRhs(view: RhsView): void {
  setState((s) => ({ rhs: s.rhs?.kind === view.kind ? null : view }));
}

export function TopBar() {
  const t = useT();
  const me = useStore((s) => s.me);
  const rhs = useStore((s) => s.rhs);
  const siteName = useStore((s) => s.config.SiteName) || 'Parley';
  const status = useStore((s) => (s.me ? s.statuses[s.me.id] : '') || 'online');
  if (!me) return null;
  return (
    <header className="top-bar">
      <div className="top-bar-left">
        <span className="brand">
          <img src="/favicon.svg" alt="" width={22} height={22} />
          <span>{siteName}</span>
        </span>
      </div>
      <SearchBox />
      <div className="top-bar-right">
        <button
          type="button"
          className={`icon-button top ${rhs?.kind === 'mentions' ? 'active' : ''}`}
          aria-label={t('rhs.mentions')}
          title={t('rhs.mentions')}
          onClick={() => toggleRhs({ kind: 'mentions' })}
        >
          <Icon name="at" />
        </button>
        <button
          type="button"
          className={`icon-button top ${rhs?.kind === 'saved' ? 'active' : ''}`}
          aria-label={t('rhs.saved')}
          title={t('rhs.saved')}
          onClick={() => toggleRhs({ kind: 'saved' })}
        >
          <Icon name="bookmark" />
        </button>
        <Menu
          label={t('menu.account')}
          align="right"
          className="account-menu"
          trigger={<Avatar userId={me.id} size={28} showStatus />}
          items={[
            { label: `${t('status.online')}${status === 'online' ? ' ✓' : ''}`, onSelect: () => void setMyStatus('online') },
            { label: `${t('status.away')}${status === 'away' ? ' ✓' : ''}`, onSelect: () => void setMyStatus('away') },
            { label: `${t('status.dnd')}${status === 'dnd' ? ' ✓' : ''}`, onSelect: () => void setMyStatus('dnd') },
            { label: `${t('status.offline')}${status === 'offline' ? ' ✓' : ''}`, onSelect: () => void setMyStatus('offline') },
            { label: t('menu.profile'), icon: 'settings', onSelect: () => setState({ modal: 'settings:account' }) },
            { label: t('menu.settings'), icon: 'settings', onSelect: () => setState({ modal: 'settings:display' }) },
            { label: t('menu.systemConsole'), icon: 'settings', onSelect: () => navigate('/admin_console'), hidden: !canOpenConsole(me.roles) },
            { label: t('menu.logout'), icon: 'logout', onSelect: () => void logout(), danger: true },
          ]}
        />
      </div>
    </header>
  );
}
