import { useCallback, useEffect, useLayoutEffect, useMemo, useRef } from 'react';
import { Virtuoso, type VirtuosoHandle } from 'react-virtuoso';
import type { Post } from '@mattermost/types/posts';
import { useShallow } from 'zustand/react/shallow';
import { getState, useStore } from '../../store/store';
import { collapsedThreads } from '../../store/selectors';
import { loadNewer, loadOlder } from '../../store/actions/posts';
import { useT } from '../../i18n/useT';
import { NAVIGATE_MARK } from '../../router/navigate';
import { buildRows, isSystemPost, type Row } from './rows';
import { PostItem } from './PostItem';
import { useFormatDay } from './time';
import { ChannelIntro } from './ChannelIntro';
import { usePostRoving } from './postRoving';
import { useFollowBottom } from './followBottom';
import { NewMessagesToast } from './NewMessagesToast';
import '../../styles/posts.css';

const START_INDEX = 1_000_000;
const PREFETCH_ROWS = 40;

interface ListContext {
  channelId: string;
  reachedOldest: boolean;
}

const LIST_COMPONENTS = {
  Header: ({ context }: { context?: ListContext }) =>
    context?.reachedOldest ? (
      <ChannelIntro channelId={context.channelId} />
    ) : (
      <div className="list-loading-more">
        <div className="spinner small" />
      </div>
    ),
  Footer: () => <div className="list-footer" />,
};

/** Keeps Virtuoso's firstItemIndex in step with rows prepended above, so loading history never jumps. */
function useFirstItemIndex(rows: Row[]): number {
  const anchor = useRef<{ key: string; index: number; first: number } | null>(null);
  return useMemo(() => {
    const firstPost = rows.findIndex((r) => r.kind === 'post');
    const prev = anchor.current;
    let first = prev?.first ?? START_INDEX;
    if (prev) {
      const now = rows.findIndex((r) => r.key === prev.key);
      if (now >= 0) first = prev.first - (now - prev.index);
    }
    if (firstPost >= 0) anchor.current = { key: rows[firstPost].key, index: firstPost, first };
    return first;
  }, [rows]);
}

/**
 * Measures navigation → first frame with this channel's posts ("parley:channel-switch"), and
 * navigation → React commit of the list ("parley:channel-switch-commit", the script part of it).
 */
function useChannelSwitchTiming(ready: boolean): void {
  const measured = useRef(false);
  useLayoutEffect(() => {
    if (!ready || measured.current) return;
    measured.current = true;
    if (performance.getEntriesByName(NAVIGATE_MARK, 'mark').length === 0) return;
    performance.measure('parley:channel-switch-commit', NAVIGATE_MARK);
    requestAnimationFrame(() => {
      performance.measure('parley:channel-switch', NAVIGATE_MARK);
      performance.clearMarks(NAVIGATE_MARK);
    });
  }, [ready]);
}

export function PostList({ channelId }: { channelId: string }) {
  const t = useT();
  const formatDay = useFormatDay();
  const virtuoso = useRef<VirtuosoHandle>(null);
  const history = useStore((s) => s.posts.byChannel[channelId]);
  const crt = useStore(collapsedThreads);
  const myId = useStore((s) => s.me?.id ?? '');
  const newSince = useStore((s) => s.newMessagesSince[channelId] ?? Number.MAX_SAFE_INTEGER);
  const highlight = useStore((s) => s.highlightPostId);
  const posts = useStore(
    useShallow((s) => (s.posts.byChannel[channelId]?.order ?? []).map((id) => s.posts.posts[id]).filter((p): p is Post => Boolean(p))),
  );
  const visible = useMemo(() => (crt ? posts.filter((p) => !p.root_id) : posts), [posts, crt]);
  const rows = useMemo(() => buildRows(visible, { newSince, myUserId: myId }), [visible, newSince, myId]);
  const firstItemIndex = useFirstItemIndex(rows);
  const roving = usePostRoving(rows, firstItemIndex);

  const initialIndex = useMemo(() => {
    const target = highlight ? rows.findIndex((r) => r.kind === 'post' && r.postId === highlight) : rows.findIndex((r) => r.kind === 'new');
    if (target >= 0) return { index: target, align: highlight ? ('center' as const) : ('start' as const) };
    return { index: Math.max(0, rows.length - 1), align: 'end' as const };
    // Only the first render positions the list; later changes must not move it.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [history !== undefined]);

  useChannelSwitchTiming(history !== undefined);

  const jumpToEnd = useCallback(() => virtuoso.current?.scrollToIndex({ index: 'LAST', align: 'end' }), []);
  const newestAt = () => visible[visible.length - 1]?.create_at ?? 0;
  const follower = useFollowBottom(initialIndex.align === 'end', jumpToEnd, newestAt);
  const { leftAt } = follower;
  const unseen = useMemo(
    () => (leftAt === null ? 0 : visible.filter((p) => p.create_at > leftAt && p.user_id !== myId && !isSystemPost(p)).length),
    [visible, leftAt, myId],
  );

  useEffect(() => {
    if (!highlight) return;
    const index = rows.findIndex((r) => r.kind === 'post' && r.postId === highlight);
    if (index >= 0) virtuoso.current?.scrollToIndex({ index, align: 'center' });
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [highlight]);

  if (!history) {
    return (
      <div className="post-list loading" role="status">
        <div className="spinner" />
        <span className="sr-only">{t('app.loading')}</span>
      </div>
    );
  }

  return (
    <div className="post-list" role="log" aria-label={t('posts.listLabel')} aria-live="polite" onFocus={roving.onFocus} onKeyDown={roving.onKeyDown}>
      <Virtuoso<Row, ListContext>
        ref={virtuoso}
        scrollerRef={follower.scrollerRef}
        totalListHeightChanged={follower.onHeightChange}
        className="post-scroller"
        // The roving post is the list's one tab stop, not the scroller.
        tabIndex={-1}
        data={rows}
        firstItemIndex={firstItemIndex}
        initialTopMostItemIndex={initialIndex}
        computeItemKey={(_, row) => row.key}
        alignToBottom
        increaseViewportBy={{ top: 400, bottom: 200 }}
        rangeChanged={(range) => {
          roving.onRangeChange(range);
          // Fetch older history a screenful before the top is reached, so scrolling rarely waits.
          if (!history.reachedOldest && range.startIndex - firstItemIndex < PREFETCH_ROWS) void loadOlder(channelId).catch(() => undefined);
        }}
        startReached={() => {
          if (!history.reachedOldest) void loadOlder(channelId).catch(() => undefined);
        }}
        endReached={() => {
          if (!history.atLatest) void loadNewer(channelId).catch(() => undefined);
        }}
        followOutput={() => {
          const last = rows[rows.length - 1];
          const mine = last?.kind === 'post' && getState().posts.posts[last.postId]?.user_id === myId;
          return follower.isFollowing() || mine ? 'auto' : false;
        }}
        context={{ channelId, reachedOldest: history.reachedOldest }}
        components={LIST_COMPONENTS}
        itemContent={(_, row) => {
          if (row.kind === 'date') {
            return (
              <div className="date-separator" role="separator">
                <span>{formatDay(row.day)}</span>
              </div>
            );
          }
          if (row.kind === 'new') {
            return (
              <div className="new-messages-line" role="separator" aria-label={t('posts.newMessages')}>
                <span>{t('posts.newMessages')}</span>
              </div>
            );
          }
          return <PostItem postId={row.postId} consecutive={row.consecutive} location="channel" rovingTabStop={row.postId === roving.rovingId} />;
        }}
      />
      <NewMessagesToast count={unseen} onJump={follower.jumpToBottom} />
    </div>
  );
}
