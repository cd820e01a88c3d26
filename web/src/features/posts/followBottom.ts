import { useCallback, useEffect, useRef, useState } from 'react';

/** Within this distance of the end the reader counts as at the bottom (the list's footer is 12 px). */
const AT_BOTTOM_PX = 24;
/** A scroll up this soon after the reader's own wheel, touch, key or pointer counts as leaving the bottom. */
const INTENT_MS = 1000;
const INTENT_EVENTS = ['wheel', 'touchmove', 'keydown', 'pointerdown'] as const;

export interface BottomFollower {
  /** Give Virtuoso's scroller element here. */
  scrollerRef: (el: HTMLElement | Window | null) => void;
  /** Call when the list's total height changed (an item grew or shrank, or one was added). */
  onHeightChange: () => void;
  /** Whether new content should keep the newest post in view, read at the moment of asking. */
  isFollowing: () => boolean;
  /** The same, for rendering. */
  following: boolean;
  /** `newestAt()` when the reader last left the bottom; null while following. */
  leftAt: number | null;
  /** Goes to the end of the list and follows again. */
  jumpToBottom: () => void;
}

/**
 * Keeps a reader who is at the bottom of the list at the bottom, whatever changes height.
 *
 * Virtuoso decides "at bottom" from the current scroll position only, so once an earlier post grew (a reaction,
 * a link preview, an edit, a late image, a narrower column) the reader was no longer "at bottom" and new posts
 * stopped following. Here leaving the bottom is something only the reader does: a scroll up right after their
 * own input. Every height change while following scrolls back to the end.
 */
export function useFollowBottom(initiallyFollowing: boolean, jumpToEnd: () => void, newestAt: () => number): BottomFollower {
  const element = useRef<HTMLElement | null>(null);
  const followingRef = useRef(initiallyFollowing);
  const [following, setFollowingState] = useState(initiallyFollowing);
  const [leftAt, setLeftAt] = useState<number | null>(null);
  const newest = useRef(newestAt);
  newest.current = newestAt;
  const lastTop = useRef(0);
  const intentAt = useRef(0);
  const frame = useRef(0);

  const setFollowing = useCallback((value: boolean) => {
    if (followingRef.current === value) return;
    followingRef.current = value;
    setFollowingState(value);
    setLeftAt(value ? null : newest.current());
  }, []);

  const scrollToEnd = useCallback(() => {
    cancelAnimationFrame(frame.current);
    // After the frame, so the new height is in the DOM.
    frame.current = requestAnimationFrame(() => {
      const el = element.current;
      if (el && followingRef.current) el.scrollTop = el.scrollHeight;
    });
  }, []);

  const onScroll = useCallback(() => {
    const el = element.current;
    if (!el) return;
    const distance = el.scrollHeight - el.scrollTop - el.clientHeight;
    if (distance <= AT_BOTTOM_PX) setFollowing(true);
    else if (el.scrollTop < lastTop.current && performance.now() - intentAt.current < INTENT_MS) setFollowing(false);
    lastTop.current = el.scrollTop;
  }, [setFollowing]);

  const onIntent = useCallback(() => {
    intentAt.current = performance.now();
  }, []);

  const resizeObserver = useRef<ResizeObserver | null>(null);
  const scrollerRef = useCallback(
    (target: HTMLElement | Window | null) => {
      const previous = element.current;
      if (previous) {
        previous.removeEventListener('scroll', onScroll);
        for (const name of INTENT_EVENTS) previous.removeEventListener(name, onIntent);
        resizeObserver.current?.disconnect();
      }
      const el = target instanceof HTMLElement ? target : null;
      element.current = el;
      if (!el) return;
      lastTop.current = el.scrollTop;
      el.addEventListener('scroll', onScroll, { passive: true });
      for (const name of INTENT_EVENTS) el.addEventListener(name, onIntent, { passive: true });
      // The viewport itself changes height with the window, the composer growing, or a banner.
      resizeObserver.current = new ResizeObserver(scrollToEnd);
      resizeObserver.current.observe(el);
    },
    [onScroll, onIntent, scrollToEnd],
  );

  useEffect(() => () => {
    cancelAnimationFrame(frame.current);
    resizeObserver.current?.disconnect();
  }, []);

  const jumpToBottom = useCallback(() => {
    setFollowing(true);
    jumpToEnd();
    scrollToEnd();
  }, [jumpToEnd, scrollToEnd, setFollowing]);

  return {
    scrollerRef,
    onHeightChange: scrollToEnd,
    isFollowing: () => followingRef.current,
    following,
    leftAt,
    jumpToBottom,
  };
}
