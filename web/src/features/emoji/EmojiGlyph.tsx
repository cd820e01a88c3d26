import { emojiChar } from './emoji';
import { customEmojiImageUrl, useCustomEmoji } from './customEmoji';

/** One emoji by name: the character of a standard one, the image of a custom one, else the `:name:` text. */
export function EmojiGlyph({ name, size = 20 }: { name: string; size?: number }) {
  const char = emojiChar(name);
  const custom = useCustomEmoji((s) => (char ? undefined : s.byName[name]));
  if (char) return <>{char}</>;
  if (custom) {
    return <img className="custom-emoji" src={customEmojiImageUrl(custom.id)} alt={`:${name}:`} title={`:${name}:`} width={size} height={size} />;
  }
  return <>{`:${name}:`}</>;
}
