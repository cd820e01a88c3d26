import { useLayoutEffect } from 'react';
import type { ServerChannel } from '@mattermost/types/channels';
import { client } from '../../api/client';
import type { Route } from '../../router/routes';
import { navigate } from '../../router/navigate';
import { getState, setState, useStore } from '../../store/store';
import { channelUrl, findTeamByName } from '../../store/selectors';
import { fetchChannel, joinChannel, openDirect, receivedChannels } from '../../store/actions/channels';
import { archivedViewable } from '../channel/archived';
import { fetchPost, loadAround } from '../../store/actions/posts';
import { openChannel } from './openChannel';

/** A channel I am in, found without a request (the common case: clicking in the sidebar). */
function localChannel(teamId: string, name: string): ServerChannel | undefined {
  const s = getState();
  return Object.values(s.channels).find((c) => c.name === name && (c.team_id === teamId || c.team_id === '') && s.members[c.id]);
}

async function channelByName(teamId: string, name: string): Promise<ServerChannel | null> {
  const local = localChannel(teamId, name);
  if (local) return local;
  try {
    const channel = (await client.getChannelByName(teamId, name, true)) as ServerChannel;
    if (!getState().members[channel.id]) {
      // An archived channel is read without joining (the server refuses joins); a private one is never joined here.
      if (channel.delete_at !== 0 && archivedViewable(getState().config)) {
        receivedChannels([channel]);
        return channel;
      }
      if (channel.type !== 'O' || channel.delete_at !== 0) return null;
      await joinChannel(channel.id);
    }
    return getState().channels[channel.id] ?? channel;
  } catch {
    return null;
  }
}

async function directByUsername(username: string): Promise<ServerChannel | null> {
  try {
    const user = await client.getUserByUsername(username);
    return await openDirect([user.id]);
  } catch {
    return null;
  }
}

/** Turns the URL into the current team/channel, joining or creating what a link points to. */
export function useRoute(route: Route): void {
  const teams = useStore((s) => s.teams);
  const myTeamIds = useStore((s) => s.myTeamIds);
  const routeKey = JSON.stringify(route);

  // A layout effect: switching to a loaded channel renders in the same frame as the URL change.
  useLayoutEffect(() => {
    if (!('team' in route)) return;
    const team = findTeamByName(getState(), route.team);
    if (!team) {
      const first = teams[myTeamIds[0]];
      navigate(first ? `/${first.name}` : '/select_team', { replace: true });
      return;
    }
    if (getState().currentTeamId !== team.id) setState({ currentTeamId: team.id });
    let cancelled = false;
    const fallback = (): void => {
      if (!cancelled) navigate(`/${team.name}/channels/town-square`, { replace: true });
    };
    const show = (channel: ServerChannel | null): void => {
      if (cancelled) return;
      if (!channel || (channel.delete_at !== 0 && !archivedViewable(getState().config))) fallback();
      else openChannel(channel.id);
    };
    switch (route.name) {
      case 'team': {
        navigate(`/${team.name}/channels/town-square`, { replace: true });
        break;
      }
      case 'channel':
      case 'gm': {
        const local = localChannel(team.id, route.channel);
        if (local) show(local);
        else void channelByName(team.id, route.channel).then(show);
        break;
      }
      case 'dm': {
        const s = getState();
        const user = Object.values(s.users).find((u) => u.username === route.username);
        const me = s.me?.id ?? '';
        const dmName = user ? [me, user.id].sort().join('__') : '';
        const local = dmName ? Object.values(s.channels).find((c) => c.type === 'D' && c.name === dmName && s.members[c.id]) : undefined;
        if (local) show(local);
        else void directByUsername(route.username).then(show);
        break;
      }
      case 'threads':
        setState({ currentChannelId: '' });
        break;
      case 'permalink':
        void (async () => {
          try {
            const post = await fetchPost(route.postId);
            const channel = getState().channels[post.channel_id] ?? (await fetchChannel(post.channel_id));
            if (!getState().members[channel.id] && channel.delete_at === 0) await joinChannel(channel.id);
            if (channel.delete_at !== 0 && !archivedViewable(getState().config)) throw new Error('archived');
            await loadAround(post);
            if (cancelled) return;
            setState({ highlightPostId: post.id, currentChannelId: '' });
            openChannel(channel.id);
            navigate(channelUrl(getState(), channel, team.name), { replace: true });
            setTimeout(() => setState((s) => (s.highlightPostId === post.id ? { highlightPostId: '' } : {})), 5000);
          } catch {
            fallback();
          }
        })();
        break;
      default:
        break;
    }
    return () => {
      cancelled = true;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [routeKey, myTeamIds.length]);
}
