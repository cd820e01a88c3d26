import { useShallow } from 'zustand/react/shallow';
import { getState, prefKey, useStore } from '../../store/store';
import { savePrefs } from '../../store/actions/prefs';
import { isSkinTone, type SkinTone } from './skinTones';

/** Mattermost's preferences: the tone in `emoji`/`emoji_skintone`, recent emoji in `recent_emojis`/<user id>. */
const TONE_CATEGORY = 'emoji';
const TONE_NAME = 'emoji_skintone';
const RECENT_CATEGORY = 'recent_emojis';
/** As many as Mattermost keeps: three rows of its picker. */
export const MAX_RECENT = 27;

export interface RecentEmoji {
  name: string;
  usageCount: number;
}

export const parseSkinTone = (value: string | undefined): SkinTone => (isSkinTone(value) ? value : 'default');

export function useSkinTone(): SkinTone {
  return useStore((s) => parseSkinTone(s.prefs[prefKey(TONE_CATEGORY, TONE_NAME)]));
}

export function saveSkinTone(tone: SkinTone): Promise<void> {
  return savePrefs([{ category: TONE_CATEGORY, name: TONE_NAME, value: tone }]);
}

/** The saved list, most recent first; Mattermost's `{name, usageCount}` objects, or the plain names older clients wrote. */
export function parseRecent(value: string | undefined): RecentEmoji[] {
  if (!value) return [];
  try {
    const list: unknown = JSON.parse(value);
    if (!Array.isArray(list)) return [];
    return list.flatMap((item: unknown): RecentEmoji[] => {
      if (typeof item === 'string') return [{ name: item, usageCount: 1 }];
      if (item && typeof item === 'object' && 'name' in item && typeof item.name === 'string') {
        const count = 'usageCount' in item && typeof item.usageCount === 'number' ? item.usageCount : 1;
        return [{ name: item.name, usageCount: count }];
      }
      return [];
    });
  } catch {
    return [];
  }
}

/** `name` moves to the front (its count goes up); the list keeps the MAX_RECENT most recent. */
export function withRecent(list: readonly RecentEmoji[], name: string): RecentEmoji[] {
  const previous = list.find((e) => e.name === name);
  const rest = list.filter((e) => e.name !== name);
  return [{ name, usageCount: (previous?.usageCount ?? 0) + 1 }, ...rest].slice(0, MAX_RECENT);
}

export function useRecentEmoji(): string[] {
  return useStore(useShallow((s) => (s.me ? parseRecent(s.prefs[prefKey(RECENT_CATEGORY, s.me.id)]).map((e) => e.name) : [])));
}

/** Remembers a chosen emoji (saved as a preference, so it follows the user to other devices). */
export function recordRecentEmoji(name: string): void {
  const s = getState();
  if (!s.me) return;
  const next = withRecent(parseRecent(s.prefs[prefKey(RECENT_CATEGORY, s.me.id)]), name);
  void savePrefs([{ category: RECENT_CATEGORY, name: s.me.id, value: JSON.stringify(next) }]).catch(() => undefined);
}
