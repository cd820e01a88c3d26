import { memo, useMemo, useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import type { ServerChannel } from '@mattermost/types/channels';
import { setState, useStore } from '../../store/store';
import { channelTitle, channelUrl, dmTeammateId, unreadOf } from '../../store/selectors';
import { isMuted } from '../../store/unread';
import { navigate } from '../../router/navigate';
import { useT } from '../../i18n/useT';
import { Icon } from '../../ui/icons';
import { Menu } from '../../ui/Menu';
import { Avatar } from '../people/Avatar';
import { sidebarSections, type SidebarSection } from './sections';
import { showToast } from '../layout/Toast';
import { InviteByEmailDialog } from '../teams/InviteByEmailDialog';
import { useIntegrationsMenu } from '../integrations/useIntegrationsMenu';
import { integrationsUrl } from '../integrations/access';

function ChannelIcon({ channel }: { channel: ServerChannel }) {
  const me = useStore((s) => s.me?.id ?? '');
  if (channel.type === 'D') return <Avatar userId={dmTeammateId(channel, me)} size={20} showStatus />;
  if (channel.type === 'G') return <span className="gm-count">{channel.display_name.split(',').length - 1}</span>;
  return <Icon name={channel.delete_at > 0 ? 'archive' : channel.type === 'P' ? 'lock' : 'hash'} size={16} className="channel-icon" />;
}

const SidebarItem = memo(function SidebarItem({ channelId, teamName }: { channelId: string; teamName: string }) {
  const channel = useStore((s) => s.channels[channelId]);
  const title = useStore((s) => channelTitle(s, s.channels[channelId]));
  const active = useStore((s) => s.currentChannelId === channelId);
  const unread = useStore(useShallow((s) => unreadOf(s, channelId)));
  const muted = useStore((s) => isMuted(s.members[channelId]));
  if (!channel) return null;
  const href = channelUrl(useStore.getState(), channel, teamName);
  const classes = ['sidebar-item', active && 'active', unread.showUnread && !active && 'unread', muted && 'muted', channel.delete_at > 0 && 'archived']
    .filter(Boolean)
    .join(' ');
  return (
    <li>
      <a
        href={href}
        className={classes}
        aria-current={active ? 'page' : undefined}
        data-channel-name={channel.name}
        onClick={(e) => {
          e.preventDefault();
          navigate(href);
        }}
      >
        <ChannelIcon channel={channel} />
        <span className="sidebar-item-name">{title}</span>
        {unread.mentions > 0 && !active && (
          <span className="badge" aria-label={`${unread.mentions}`}>
            {unread.mentions}
          </span>
        )}
      </a>
    </li>
  );
});

function Section({ section, teamName }: { section: SidebarSection; teamName: string }) {
  const t = useT();
  const [collapsed, setCollapsed] = useState(section.collapsed);
  const label =
    section.type === 'favorites' ? t('sidebar.favorites') : section.type === 'channels' ? t('sidebar.channels') : section.type === 'direct_messages' ? t('sidebar.directMessages') : section.name;
  const currentId = useStore((s) => s.currentChannelId);
  const visibleIds = collapsed ? section.channelIds.filter((id) => id === currentId) : section.channelIds;
  return (
    <section className="sidebar-section" aria-label={label}>
      <div className="sidebar-section-header">
        <button type="button" className="section-toggle" aria-expanded={!collapsed} onClick={() => setCollapsed(!collapsed)}>
          <Icon name={collapsed ? 'chevronRight' : 'chevronDown'} size={12} />
          <span>{label}</span>
        </button>
        {section.type === 'direct_messages' && (
          <button type="button" className="icon-button section-add" aria-label={t('sidebar.newDirect')} title={t('sidebar.newDirect')} onClick={() => setState({ modal: 'channel:direct' })}>
            <Icon name="plus" size={14} />
          </button>
        )}
      </div>
      <ul>
        {visibleIds.map((id) => (
          <SidebarItem key={id} channelId={id} teamName={teamName} />
        ))}
      </ul>
    </section>
  );
}

/** Team header, Threads link and the channel categories. */
export function ChannelSidebar() {
  const t = useT();
  const team = useStore((s) => s.teams[s.currentTeamId]);
  const slices = useStore(
    useShallow((s) => ({ channels: s.channels, members: s.members, prefs: s.prefs, categories: s.categories, users: s.users, me: s.me, currentTeamId: s.currentTeamId })),
  );
  const onThreads = useStore((s) => s.path.includes('/threads'));
  const hasCategories = useStore((s) => (s.categories[s.currentTeamId] ?? []).length > 0);
  const crt = useStore((s) => s.config.CollapsedThreads !== 'disabled' && s.config.CollapsedThreads !== undefined);
  // An archived channel is listed only while it is open: opening or leaving one redraws the list.
  const openArchivedId = useStore((s) => ((s.channels[s.currentChannelId]?.delete_at ?? 0) > 0 ? s.currentChannelId : ''));
  const sections = useMemo(
    () => sidebarSections({ ...useStore.getState(), ...slices }, slices.currentTeamId),
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [slices, openArchivedId],
  );
  // Offered when the server has email invitations on and can send them (the client config says both).
  const emailInvites = useStore((s) => s.config.EnableEmailInvitations === 'true');
  const [invitingByEmail, setInvitingByEmail] = useState(false);
  const integrations = useIntegrationsMenu(team?.id ?? '');
  if (!team) return <nav className="channel-sidebar" />;
  const inviteLink = `${window.location.origin}/signup_user_complete/?id=${team.invite_id}`;
  return (
    <nav className="channel-sidebar" aria-label={t('sidebar.label')}>
      <div className="sidebar-header">
        <Menu
          label={`${team.display_name}, ${t('sidebar.teamMenu')}`}
          className="team-menu"
          trigger={
            <span className="team-name">
              {team.display_name} <Icon name="chevronDown" size={14} />
            </span>
          }
          items={[
            {
              label: t('sidebar.copyInvite'),
              icon: 'link',
              onSelect: () => void navigator.clipboard?.writeText(inviteLink).then(() => showToast(t('sidebar.inviteCopied')), () => showToast(inviteLink)),
            },
            { label: t('invite.byEmail'), icon: 'send', onSelect: () => setInvitingByEmail(true), hidden: !emailInvites },
            { label: t('integrations.title'), icon: 'settings', onSelect: () => navigate(integrationsUrl(team.name)), hidden: !integrations },
            { label: t('teams.createOrJoin'), icon: 'plus', onSelect: () => navigate('/select_team') },
          ]}
        />
        <Menu
          label={t('sidebar.add')}
          className="sidebar-add"
          align="right"
          trigger={<Icon name="plus" size={16} />}
          items={[
            { label: t('sidebar.browseChannels'), icon: 'globe', onSelect: () => setState({ modal: 'channel:browse' }) },
            { label: t('sidebar.createChannel'), icon: 'hash', onSelect: () => setState({ modal: 'channel:create' }) },
            { label: t('sidebar.newDirect'), icon: 'message', onSelect: () => setState({ modal: 'channel:direct' }) },
            { label: t('category.create'), icon: 'plus', onSelect: () => setState({ modal: 'channel:new-category' }), hidden: !hasCategories },
          ]}
        />
      </div>
      <div className="sidebar-scroll">
        {crt && (
          <ul className="sidebar-links">
            <li>
              <a
                href={`/${team.name}/threads`}
                className={`sidebar-item ${onThreads ? 'active' : ''}`}
                aria-current={onThreads ? 'page' : undefined}
                onClick={(e) => {
                  e.preventDefault();
                  navigate(`/${team.name}/threads`);
                }}
              >
                <Icon name="threads" size={16} className="channel-icon" />
                <span className="sidebar-item-name">{t('threads.title')}</span>
              </a>
            </li>
          </ul>
        )}
        {sections.map((section) => (
          <Section key={section.id} section={section} teamName={team.name} />
        ))}
        <button type="button" className="sidebar-browse" onClick={() => setState({ modal: 'channel:browse' })}>
          <Icon name="plus" size={14} /> {t('sidebar.browseChannels')}
        </button>
      </div>
      {invitingByEmail && <InviteByEmailDialog onClose={() => setInvitingByEmail(false)} />}
    </nav>
  );
}
