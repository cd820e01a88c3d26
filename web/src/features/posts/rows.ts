import type { Post } from '@mattermost/types/posts';

export type Row =
  | { kind: 'date'; key: string; day: number }
  | { kind: 'new'; key: string }
  | { kind: 'post'; key: string; postId: string; consecutive: boolean };

const GROUP_WINDOW_MS = 5 * 60 * 1000;

export function startOfDay(ms: number): number {
  const d = new Date(ms);
  d.setHours(0, 0, 0, 0);
  return d.getTime();
}

export const isSystemPost = (p: Post): boolean => p.type.startsWith('system_');

/**
 * The rows of a message list: a date line at each new day, the "New messages" line before the
 * first post newer than `newSince` that someone else wrote, and posts grouped under one header
 * when the same person writes again within five minutes.
 */
export function buildRows(posts: Post[], opts: { newSince: number; myUserId: string }): Row[] {
  const rows: Row[] = [];
  let lastDay = -1;
  let prev: Post | null = null;
  let newLineDrawn = false;
  for (const post of posts) {
    const day = startOfDay(post.create_at);
    let breakGroup = false;
    if (day !== lastDay) {
      rows.push({ kind: 'date', key: `date-${day}`, day });
      lastDay = day;
      breakGroup = true;
    }
    if (!newLineDrawn && post.create_at > opts.newSince && post.user_id !== opts.myUserId) {
      rows.push({ kind: 'new', key: 'new-messages' });
      newLineDrawn = true;
      breakGroup = true;
    }
    const consecutive =
      !breakGroup &&
      prev !== null &&
      prev.user_id === post.user_id &&
      !isSystemPost(prev) &&
      !isSystemPost(post) &&
      post.create_at - prev.create_at < GROUP_WINDOW_MS &&
      (post.root_id === prev.root_id || post.root_id === prev.id) &&
      !post.props?.from_webhook;
    rows.push({ kind: 'post', key: post.pending_post_id || post.id, postId: post.id, consecutive });
    prev = post;
  }
  return rows;
}
