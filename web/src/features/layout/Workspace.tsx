import { lazy, Suspense, useEffect } from 'react';
import type { Route } from '../../router/routes';
import { getState, setState, useStore } from '../../store/store';
import { channelTitle, channelUrl, unreadOf } from '../../store/selectors';
import { documentTitle, sumUnreads } from '../../store/unread';
import { navigate } from '../../router/navigate';
import { markChannelViewed } from '../../store/actions/channels';
import { useT } from '../../i18n/useT';
import { TeamSidebar } from '../teams/TeamSidebar';
import { ChannelSidebar } from '../sidebar/ChannelSidebar';
import { sidebarOrder, sidebarSections } from '../sidebar/sections';
import { ChannelView } from '../channel/ChannelView';
import { Rhs } from '../rhs/Rhs';
import { TopBar } from './TopBar';
import { ReconnectBanner } from './ReconnectBanner';
import { AnnouncementBanner } from './AnnouncementBanner';
import { useRoute } from './useRoute';
import { ProfilePopover } from '../people/ProfilePopover';
import { Toast } from './Toast';
import { SkipLink } from './SkipLink';
import { useRegionCycling } from './regions';
import { MobileDrawer } from './MobileDrawer';

const ThreadsView = lazy(() => import('../threads/ThreadsView').then((m) => ({ default: m.ThreadsView })));
const ChannelSwitcher = lazy(() => import('../switcher/ChannelSwitcher').then((m) => ({ default: m.ChannelSwitcher })));
const SettingsModal = lazy(() => import('../settings/SettingsModal').then((m) => ({ default: m.SettingsModal })));
const ChannelDialogs = lazy(() => import('../channel/dialogs/ChannelDialogs').then((m) => ({ default: m.ChannelDialogs })));
const CustomEmojiDialog = lazy(() => import('../emoji/CustomEmojiDialog').then((m) => ({ default: m.CustomEmojiDialog })));

/** Moves to the previous/next channel in sidebar order (Alt+Up/Down; with Shift, unread channels only). */
function stepChannel(delta: number, unreadOnly: boolean): void {
  const s = getState();
  const team = s.teams[s.currentTeamId];
  if (!team) return;
  let order = sidebarOrder(sidebarSections(s, team.id));
  if (unreadOnly) {
    const unread = order.filter((id) => {
      const c = s.channels[id];
      const m = s.members[id];
      return id === s.currentChannelId || (c && m && (c.total_msg_count > m.msg_count || m.mention_count > 0));
    });
    order = unread;
  }
  const index = order.indexOf(s.currentChannelId);
  const next = order[(index + delta + order.length) % order.length];
  const channel = next ? s.channels[next] : undefined;
  if (channel) navigate(channelUrl(s, channel, team.name));
}

function useShortcuts(): void {
  useEffect(() => {
    const onKey = (e: KeyboardEvent): void => {
      const mod = e.ctrlKey || e.metaKey;
      if (mod && e.key.toLowerCase() === 'k') {
        e.preventDefault();
        setState((s) => ({ modal: s.modal === 'switcher' ? '' : 'switcher' }));
      } else if (e.altKey && (e.key === 'ArrowUp' || e.key === 'ArrowDown')) {
        e.preventDefault();
        stepChannel(e.key === 'ArrowUp' ? -1 : 1, e.shiftKey);
      } else if (e.key === 'Escape' && !getState().modal && !document.querySelector('.menu, .popover')) {
        const id = getState().currentChannelId;
        if (id) {
          markChannelViewed(id, true);
          setState((s) => ({ newMessagesSince: { ...s.newMessagesSince, [id]: Number.MAX_SAFE_INTEGER } }));
        }
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
}

/** Unread count in the tab title; the channel we look at counts as read. */
function useDocumentTitle(): void {
  const t = useT();
  const title = useStore((s) => {
    const team = s.teams[s.currentTeamId];
    const channel = s.channels[s.currentChannelId];
    const site = s.config.SiteName || 'Parley';
    const base = `${channel ? `${channelTitle(s, channel)} - ` : s.path.includes('/threads') ? `${t('threads.title')} - ` : ''}${team ? `${team.display_name} ` : ''}| ${site}`;
    const everyChannel = Object.keys(s.members).filter((id) => s.channels[id]?.delete_at === 0).map((id) => unreadOf(s, id));
    return documentTitle(base, sumUnreads(everyChannel));
  });
  useEffect(() => {
    document.title = title;
  }, [title]);
}

/** `?settings=notifications` (the link in notification emails) opens Settings on that tab, once. */
function useSettingsLink(): void {
  useEffect(() => {
    const url = new URL(window.location.href);
    const tab = url.searchParams.get('settings');
    if (tab === null) return;
    url.searchParams.delete('settings');
    window.history.replaceState(window.history.state, '', `${url.pathname}${url.search}${url.hash}`);
    setState({ modal: `settings:${tab}` });
  }, []);
}

export function Workspace({ route }: { route: Route }) {
  const modal = useStore((s) => s.modal);
  const rhs = useStore((s) => s.rhs);
  useRoute(route);
  useShortcuts();
  useRegionCycling();
  useDocumentTitle();
  useSettingsLink();
  useEffect(() => {
    const onVisible = (): void => {
      const id = getState().currentChannelId;
      if (document.visibilityState === 'visible' && id) markChannelViewed(id);
    };
    document.addEventListener('visibilitychange', onVisible);
    return () => document.removeEventListener('visibilitychange', onVisible);
  }, []);
  const closeModal = (): void => setState({ modal: '' });

  return (
    <div className="workspace">
      <SkipLink />
      <ReconnectBanner />
      <AnnouncementBanner />
      <TopBar />
      <div className="workspace-body">
        <MobileDrawer>
          <TeamSidebar />
          <ChannelSidebar />
        </MobileDrawer>
        <main className="center">
          {route.name === 'threads' ? (
            <Suspense fallback={<div className="center-loading" />}>
              <ThreadsView threadId={route.threadId} />
            </Suspense>
          ) : (
            <ChannelView />
          )}
        </main>
        {rhs && <Rhs view={rhs} />}
      </div>
      <Suspense fallback={null}>
        {modal === 'switcher' && <ChannelSwitcher onClose={closeModal} />}
        {modal.startsWith('settings') && <SettingsModal onClose={closeModal} initialTab={modal.split(':')[1]} />}
        {modal.startsWith('channel:') && <ChannelDialogs modal={modal} onClose={closeModal} />}
        {modal === 'custom-emoji' && <CustomEmojiDialog onClose={closeModal} />}
      </Suspense>
      <ProfilePopover />
      <Toast />
    </div>
  );
}
