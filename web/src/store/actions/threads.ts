import type { Post } from '@mattermost/types/posts';
import type { UserThread } from '@mattermost/types/threads';
import { client } from '../../api/client';
import { getState, setState } from '../store';
import { ensureUsers } from './users';

function receivedThreads(threads: UserThread[]): void {
  setState((s) => {
    const next = { ...s.threads };
    const posts = { ...s.posts.posts };
    for (const t of threads) {
      next[t.id] = t;
      const root = (t as UserThread & { post?: Post }).post;
      if (root && 'id' in root && !posts[root.id]) posts[root.id] = root;
    }
    return { threads: next, posts: { ...s.posts, posts } };
  });
  void ensureUsers(threads.flatMap((t) => [t.post.user_id, ...t.participants.map((p) => p.id)]));
}

/** Followed threads of a team (the "Threads" view), newest activity first. */
export async function loadThreads(teamId: string): Promise<string[]> {
  const me = getState().me;
  if (!me) return [];
  const result = await client.getUserThreads(me.id, teamId, { extended: false, perPage: 50 });
  receivedThreads(result.threads);
  return result.threads.sort((a, b) => b.last_reply_at - a.last_reply_at).map((t) => t.id);
}

export async function markThreadRead(teamId: string, threadId: string): Promise<void> {
  const me = getState().me;
  const thread = getState().threads[threadId];
  if (!me || !thread || (thread.unread_replies === 0 && thread.unread_mentions === 0)) return;
  setState((s) => ({ threads: { ...s.threads, [threadId]: { ...thread, unread_replies: 0, unread_mentions: 0, last_viewed_at: Date.now() } } }));
  await client.updateThreadReadForUser(me.id, teamId, threadId, Date.now());
}

export async function setFollowing(teamId: string, threadId: string, following: boolean): Promise<void> {
  const me = getState().me;
  if (!me) return;
  await client.updateThreadFollowForUser(me.id, teamId, threadId, following);
  setState((s) => {
    const thread = s.threads[threadId];
    const post = s.posts.posts[threadId];
    return {
      threads: thread ? { ...s.threads, [threadId]: { ...thread, is_following: following } } : s.threads,
      posts: post ? { ...s.posts, posts: { ...s.posts.posts, [threadId]: { ...post, is_following: following } } } : s.posts,
    };
  });
}

export function onThreadEvent(event: string, data: Record<string, unknown>): void {
  if (event === 'thread_updated' && typeof data.thread === 'string') {
    receivedThreads([JSON.parse(data.thread) as UserThread]);
    return;
  }
  const threadId = typeof data.thread_id === 'string' ? data.thread_id : '';
  const thread = getState().threads[threadId];
  if (!thread) return;
  if (event === 'thread_read_changed') {
    setState((s) => ({
      threads: { ...s.threads, [threadId]: { ...thread, unread_replies: Number(data.unread_replies ?? 0), unread_mentions: Number(data.unread_mentions ?? 0), last_viewed_at: Number(data.timestamp ?? thread.last_viewed_at) } },
    }));
  } else if (event === 'thread_follow_changed') {
    setState((s) => ({ threads: { ...s.threads, [threadId]: { ...thread, is_following: Boolean(data.state) } } }));
  }
}
