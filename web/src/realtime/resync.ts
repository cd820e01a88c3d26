import { getState, setState } from '../store/store';
import { forgetChannel } from '../store/posts';
import { loadTeamChannels } from '../store/actions/channels';
import { reloadLatest, loadThread } from '../store/actions/posts';

let running: Promise<void> | null = null;

/**
 * After a reconnect: reload channels, memberships and categories; refresh the open channel (and
 * thread) over REST, and forget other channels' windows so they reload on the next visit.
 */
export function resync(reason: 'reconnect' | 'missed'): Promise<void> {
  running ??= (async () => {
    const s = getState();
    if (!s.me) return;
    await Promise.all(s.myTeamIds.map((id) => loadTeamChannels(id).catch(() => undefined)));
    const current = s.currentChannelId;
    if (reason === 'missed') {
      let posts = getState().posts;
      for (const id of Object.keys(posts.byChannel)) if (id !== current) posts = forgetChannel(posts, id);
      setState({ posts });
    }
    if (current) await reloadLatest(current).catch(() => undefined);
    const rhs = getState().rhs;
    if (rhs?.kind === 'thread') await loadThread(rhs.rootId).catch(() => undefined);
  })().finally(() => {
    running = null;
  });
  return running;
}
