import { client } from '../../api/client';
import { getState, setState } from '../../store/store';

/** Puts text on the clipboard, then says so in the app's toast. */
export async function copyText(text: string, done: string): Promise<void> {
  await navigator.clipboard.writeText(text);
  setState({ toast: done });
}

/** Marks a thread unread from one of its replies (collapsed threads: the thread, not the channel, holds replies' read state). */
export async function markThreadUnread(teamId: string, threadId: string, postId: string): Promise<void> {
  const me = getState().me;
  if (!me) return;
  const thread = await client.markThreadAsUnreadForUser(me.id, teamId, threadId, postId);
  setState((s) => ({ threads: { ...s.threads, [threadId]: { ...s.threads[threadId], ...thread } } }));
}
