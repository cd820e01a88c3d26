import { setState, useStore } from '../../store/store';
import { channelTitle, dmTeammateId, isFavorite } from '../../store/selectors';
import { isMuted } from '../../store/unread';
import { setFavorite, setMuted } from '../../store/actions/channels';
import { renderInlineMarkdown } from '../markdown/markdown';
import { useT } from '../../i18n/useT';
import { Icon } from '../../ui/icons';
import { Menu, type MenuItem } from '../../ui/Menu';
import { StatusDot } from '../people/Avatar';
import { showToast } from '../layout/Toast';
import { errorMessage } from '../../api/client';
import { DrawerToggle } from '../layout/MobileDrawer';
import { useMyPermissions } from '../integrations/permissions';
import { unarchiveChannel } from './archived';
import { confirmLeaveIfPrivate, leaveAndMoveOn } from './leave';

function run(action: Promise<unknown>): void {
  action.catch((err: unknown) => showToast(errorMessage(err)));
}

export function ChannelHeader({ channelId }: { channelId: string }) {
  const t = useT();
  const channel = useStore((s) => s.channels[channelId]);
  const title = useStore((s) => channelTitle(s, s.channels[channelId]));
  const favorite = useStore((s) => isFavorite(s, channelId));
  const muted = useStore((s) => isMuted(s.members[channelId]));
  const memberCount = useStore((s) => s.memberCounts[channelId]);
  const rhs = useStore((s) => s.rhs);
  const hasCategories = useStore((s) => (s.categories[s.currentTeamId] ?? []).length > 0);
  const teammateId = useStore((s) => (channel?.type === 'D' ? dmTeammateId(channel, s.me?.id ?? '') : ''));
  // Unarchiving is a team admin's action (manage_team), as in Mattermost.
  const canUnarchive = useMyPermissions(channel?.team_id ?? '')?.has('manage_team') ?? false;
  if (!channel) return null;
  const archived = channel.delete_at > 0;
  const isDirect = channel.type === 'D' || channel.type === 'G';
  const isTownSquare = channel.name === 'town-square';
  const toggle = (kind: 'pinned' | 'members'): void =>
    setState((s) => ({ rhs: s.rhs?.kind === kind ? null : { kind, channelId } }));
  const leave = (): void => {
    if (!confirmLeaveIfPrivate(channelId)) run(leaveAndMoveOn(channelId));
  };
  const items: MenuItem[] = [
    { label: favorite ? t('channel.unfavorite') : t('channel.favorite'), icon: 'star', onSelect: () => run(setFavorite(channelId, !favorite)) },
    { label: muted ? t('channel.unmute') : t('channel.mute'), icon: muted ? 'bell' : 'bellOff', onSelect: () => run(setMuted(channelId, !muted)) },
    // As Mattermost: for channels and group messages, not for a DM or an archived channel.
    { label: t('channelNotify.menu'), icon: 'bell', onSelect: () => setState({ modal: 'channel:notifications' }), hidden: channel.type === 'D' || channel.delete_at > 0 },
    { label: t('category.move'), icon: 'chevronRight', onSelect: () => setState({ modal: 'channel:move' }), hidden: !hasCategories },
    { label: t('category.moveToNew'), icon: 'plus', onSelect: () => setState({ modal: 'channel:new-category-with-channel' }), hidden: !hasCategories },
    // An archived channel cannot be changed (the server refuses), so its menu offers only what still works.
    { label: t('channel.editHeader'), icon: 'edit', onSelect: () => setState({ modal: 'channel:header' }), hidden: archived },
    { label: t('channel.editPurpose'), icon: 'edit', onSelect: () => setState({ modal: 'channel:purpose' }), hidden: isDirect || archived },
    { label: t('channel.rename'), icon: 'edit', onSelect: () => setState({ modal: 'channel:rename' }), hidden: isDirect || isTownSquare || archived },
    { label: t('channel.addMembers'), icon: 'users', onSelect: () => setState({ modal: 'channel:add-members' }), hidden: isDirect || isTownSquare || archived },
    { label: t('channel.manageMembers'), icon: 'users', onSelect: () => toggle('members'), hidden: isDirect },
    { label: isDirect ? t('channel.closeDirect') : t('channel.leave'), icon: 'logout', onSelect: leave, hidden: isTownSquare },
    { label: t('channel.archive'), icon: 'archive', danger: true, onSelect: () => setState({ modal: 'channel:archive' }), hidden: isDirect || isTownSquare || archived },
    { label: t('channel.unarchive'), icon: 'archive', onSelect: () => run(unarchiveChannel(channelId)), hidden: !archived || !canUnarchive },
  ];
  return (
    <header className="channel-header">
      <DrawerToggle />
      <div className="channel-header-main">
        <div className="channel-title-row">
          <Menu
            label={`${title}, ${t('channel.menu')}`}
            className="channel-menu"
            items={items}
            trigger={
              <h1 className="channel-title">
                {channel.type === 'P' ? <Icon name="lock" size={16} /> : channel.type === 'O' ? <Icon name="hash" size={16} /> : null}
                <span>{title}</span>
                {teammateId && <StatusDot userId={teammateId} />}
                <Icon name="chevronDown" size={14} />
              </h1>
            }
          />
          <button
            type="button"
            className={`icon-button ${favorite ? 'favorited' : ''}`}
            aria-pressed={favorite}
            aria-label={favorite ? t('channel.unfavorite') : t('channel.favorite')}
            title={favorite ? t('channel.unfavorite') : t('channel.favorite')}
            onClick={() => run(setFavorite(channelId, !favorite))}
          >
            <Icon name="star" size={16} />
          </button>
          {muted && <Icon name="bellOff" size={14} className="muted-icon" />}
        </div>
        <div className="channel-subtitle">
          {channel.purpose && !isDirect && <span className="channel-purpose">{channel.purpose}</span>}
          {channel.header && (
            <span className="channel-header-text" dangerouslySetInnerHTML={{ __html: renderInlineMarkdown(channel.header) }} />
          )}
        </div>
      </div>
      <div className="channel-header-actions">
        {!isDirect && (
          <button
            type="button"
            className={`header-button ${rhs?.kind === 'members' ? 'active' : ''}`}
            aria-label={t('channel.members', { count: memberCount ?? 0 })}
            title={t('channel.members', { count: memberCount ?? 0 })}
            onClick={() => toggle('members')}
          >
            <Icon name="users" size={16} />
            <span>{memberCount ?? '–'}</span>
          </button>
        )}
        <button
          type="button"
          className={`icon-button ${rhs?.kind === 'pinned' ? 'active' : ''}`}
          aria-label={t('rhs.pinned')}
          title={t('rhs.pinned')}
          onClick={() => toggle('pinned')}
        >
          <Icon name="pin" size={18} />
        </button>
        <button
          type="button"
          className={`icon-button ${rhs?.kind === 'saved' ? 'active' : ''}`}
          aria-label={t('rhs.saved')}
          title={t('rhs.saved')}
          onClick={() => setState((s) => ({ rhs: s.rhs?.kind === 'saved' ? null : { kind: 'saved' } }))}
        >
          <Icon name="bookmark" size={18} />
        </button>
      </div>
    </header>
  );
}
