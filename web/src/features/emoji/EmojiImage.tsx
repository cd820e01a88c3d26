import type { EmojiRef } from './emojiIndex';
import '../../styles/emoji.css';

/** Sprite classes for an emoji's sheet cell (the positions live in the generated sprite stylesheet). */
export const spriteClass = (e: EmojiRef): string => `emoji-sprite ex-${e.cell[0]} ey-${e.cell[1]}`;

/**
 * A standard emoji as an image from the sprite sheet. The character stays inside (hidden) so copying the text keeps
 * it; screen readers read the label.
 */
export function EmojiImage({ emoji, label = `:${emoji.name}:`, size, className = '' }: { emoji: EmojiRef; label?: string; size?: number; className?: string }) {
  return (
    <span className={`${spriteClass(emoji)} ${className}`} role="img" aria-label={label} title={label} style={size ? { width: size, height: size } : undefined}>
      {emoji.char}
    </span>
  );
}
