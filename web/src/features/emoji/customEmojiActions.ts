import { useEffect } from 'react';
import type { CustomEmoji } from '@mattermost/types/emojis';
import { client } from '../../api/client';
import { getState, useStore } from '../../store/store';
import { receivedCustomEmoji, removedCustomEmoji, useCustomEmoji } from './customEmoji';

const PAGE = 200;
/** A guard against a server that never returns a short page. */
const MAX_PAGES = 50;

let loading: Promise<void> | null = null;

async function loadAll(): Promise<void> {
  for (let page = 0; page < MAX_PAGES; page++) {
    const list = await client.getCustomEmojis(page, PAGE, 'name');
    receivedCustomEmoji(list);
    if (list.length < PAGE) return;
  }
}

/** Loads the server's custom emoji once per page load (later ones arrive as `emoji_added`); a failure is retried on the next call. */
export function ensureCustomEmoji(): Promise<void> {
  const s = getState();
  if (s.config.EnableCustomEmoji !== 'true' || !s.me) return Promise.resolve();
  loading ??= loadAll().catch(() => {
    loading = null;
  });
  return loading;
}

/** For components that show emoji by name: starts the load when custom emoji are enabled, re-renders when the set changes. */
export function useCustomEmojiSet(): Record<string, CustomEmoji> {
  const enabled = useStore((s) => s.config.EnableCustomEmoji === 'true' && s.me !== null);
  useEffect(() => {
    if (enabled) void ensureCustomEmoji();
  }, [enabled]);
  return useCustomEmoji((s) => s.byName);
}

export async function createCustomEmoji(name: string, image: File): Promise<CustomEmoji> {
  const me = getState().me;
  const emoji = await client.createCustomEmoji({ name, creator_id: me?.id ?? '' }, image);
  receivedCustomEmoji([emoji]);
  return emoji;
}

export async function deleteCustomEmoji(id: string): Promise<void> {
  await client.deleteCustomEmoji(id);
  removedCustomEmoji(id);
}

/** The `emoji_added` WebSocket event: data.emoji is the emoji as JSON text. */
export function onEmojiAdded(data: Record<string, unknown>): void {
  const raw = data.emoji;
  const emoji = (typeof raw === 'string' ? JSON.parse(raw) : raw) as CustomEmoji | undefined;
  if (emoji?.id && emoji.name) receivedCustomEmoji([emoji]);
}
