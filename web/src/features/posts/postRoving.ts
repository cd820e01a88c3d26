import { useCallback, useMemo, useState, type FocusEvent, type KeyboardEvent } from 'react';
import type { ListRange } from 'react-virtuoso';
import type { Row } from './rows';

/** The post ids of `rows`, oldest first. */
function postIds(rows: Row[]): string[] {
  return rows.flatMap((r) => (r.kind === 'post' ? [r.postId] : []));
}

/** The next post to focus from `current` for a navigation key, or null when the key is not one or there is none. */
export function postForKey(posts: HTMLElement[], current: HTMLElement, key: string): HTMLElement | null {
  const index = posts.indexOf(current);
  if (index < 0) return null;
  if (key === 'ArrowUp') return posts[index - 1] ?? null;
  if (key === 'ArrowDown') return posts[index + 1] ?? null;
  if (key === 'Home') return posts[0] ?? null;
  if (key === 'End') return posts[posts.length - 1] ?? null;
  return null;
}

/**
 * Roving focus for the message list: the list is one tab stop, the post last focused (else the newest one on screen),
 * and the arrow keys, Home and End move between posts. A post's own controls join the Tab order while it has focus.
 */
export function usePostRoving(rows: Row[], firstItemIndex: number) {
  const [focusedId, setFocusedId] = useState<string | null>(null);
  const [range, setRange] = useState<ListRange | null>(null);
  const rovingId = useMemo(() => {
    const mounted = range ? rows.slice(Math.max(0, range.startIndex - firstItemIndex), range.endIndex - firstItemIndex + 1) : rows;
    const ids = postIds(mounted);
    if (focusedId && ids.includes(focusedId)) return focusedId;
    return ids[ids.length - 1] ?? postIds(rows).pop() ?? null;
  }, [rows, range, firstItemIndex, focusedId]);

  const onFocus = useCallback((e: FocusEvent<HTMLElement>) => {
    const post = (e.target as Element).closest<HTMLElement>('article.post[data-post-id]');
    if (post?.dataset.postId) setFocusedId(post.dataset.postId);
  }, []);

  const onKeyDown = useCallback((e: KeyboardEvent<HTMLElement>) => {
    const current = e.target as HTMLElement;
    if (e.altKey || e.ctrlKey || e.metaKey || !current.matches('article.post')) return;
    const next = postForKey([...e.currentTarget.querySelectorAll<HTMLElement>('article.post')], current, e.key);
    if (!next) return;
    e.preventDefault();
    next.focus();
  }, []);

  return { rovingId, onFocus, onKeyDown, onRangeChange: setRange };
}
