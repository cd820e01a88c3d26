import { useCustomEmoji } from './customEmoji';
import { useEmojiData } from './emojiStore';

/** Whether a message is nothing but emoji (shown larger); false until the emoji data has loaded. */
export function useEmojiOnly(message: string): boolean {
  const index = useEmojiData((s) => s.index);
  const custom = useCustomEmoji((s) => s.byName);
  // Short-circuit the common case: a message without `:` or any non-ASCII character cannot be emoji only.
  if (!index || !/[:\u00a9-\u{10FFFF}]/u.test(message)) return false;
  return index.onlyEmoji(message, (name) => name in custom);
}
