import { create } from 'zustand';
import type { CustomEmoji } from '@mattermost/types/emojis';

/**
 * The server's custom emoji by name. A store of its own (not AppState): the markdown renderer reads it
 * outside React and drops its cache when it changes.
 */
interface CustomEmojiState {
  byName: Record<string, CustomEmoji>;
}

export const useCustomEmoji = create<CustomEmojiState>()(() => ({ byName: {} }));

/** Mattermost's rule for custom emoji names. */
export const CUSTOM_EMOJI_NAME = /^[a-z0-9_+-]{1,64}$/;

export function customEmojiByName(name: string): CustomEmoji | undefined {
  return useCustomEmoji.getState().byName[name];
}

/** Absolute, so the message sanitiser (which keeps only http(s) image sources) lets it through. */
export function customEmojiImageUrl(id: string): string {
  return `${window.location.origin}/api/v4/emoji/${encodeURIComponent(id)}/image`;
}

export function receivedCustomEmoji(list: CustomEmoji[]): void {
  const live = list.filter((e) => e.delete_at === 0 || e.delete_at === undefined);
  if (live.length === 0) return;
  useCustomEmoji.setState((s) => {
    const byName = { ...s.byName };
    for (const e of live) byName[e.name] = e;
    return { byName };
  });
}

export function removedCustomEmoji(id: string): void {
  useCustomEmoji.setState((s) => {
    const found = Object.values(s.byName).find((e) => e.id === id);
    if (!found) return s;
    const byName = { ...s.byName };
    delete byName[found.name];
    return { byName };
  });
}

/** Custom emoji whose name contains the query, those starting with it first, each part by name. */
export function searchCustomEmoji(byName: Record<string, CustomEmoji>, query: string, limit = 200): CustomEmoji[] {
  const q = query.toLowerCase();
  const all = Object.values(byName).sort((a, b) => a.name.localeCompare(b.name));
  if (!q) return all.slice(0, limit);
  const starts = all.filter((e) => e.name.startsWith(q));
  const contains = all.filter((e) => !e.name.startsWith(q) && e.name.includes(q));
  return [...starts, ...contains].slice(0, limit);
}
