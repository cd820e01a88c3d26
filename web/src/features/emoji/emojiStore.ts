import { useEffect } from 'react';
import { create } from 'zustand';
import type { EmojiIndex } from './emojiIndex';

/**
 * The standard emoji, loaded on first need (a message with an emoji, a reaction, the picker, `:` completion): the
 * data and sprite sheets are a lazy chunk, never part of the first page load. A store of its own so the markdown
 * renderer, which runs outside React, can read it and drop its cache once it arrives.
 */
interface EmojiDataState {
  index: EmojiIndex | null;
}

export const useEmojiData = create<EmojiDataState>()(() => ({ index: null }));

let loading: Promise<EmojiIndex> | null = null;

export function loadEmojiIndex(): Promise<EmojiIndex> {
  loading ??= import('./emojiChunk').then(
    (m) => {
      // A CSS variable set through the CSSOM: the page's CSP allows no style attributes or inline styles.
      document.documentElement.style.setProperty('--parley-emoji-sheet', m.sheetImage);
      useEmojiData.setState({ index: m.emojiIndex });
      return m.emojiIndex;
    },
    (err: unknown) => {
      loading = null;
      throw err;
    },
  );
  return loading;
}

/** The index if loaded; otherwise starts loading it (callers render text until it arrives). */
export function emojiIndexNow(): EmojiIndex | null {
  const index = useEmojiData.getState().index;
  if (!index) void loadEmojiIndex().catch(() => undefined);
  return index;
}

/** For components that show standard emoji: re-renders once the data has loaded. */
export function useEmojiIndex(): EmojiIndex | null {
  const index = useEmojiData((s) => s.index);
  useEffect(() => {
    if (!index) void loadEmojiIndex().catch(() => undefined);
  }, [index]);
  return index;
}
