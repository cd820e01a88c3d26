import { customEmojiImageUrl, useCustomEmoji } from './customEmoji';
import { EmojiImage } from './EmojiImage';
import { useEmojiIndex } from './emojiStore';

/** One emoji by name: a standard one from the sprite sheet, a custom one as its image, else the `:name:` text. */
export function EmojiGlyph({ name, size = 20 }: { name: string; size?: number }) {
  const standard = useEmojiIndex()?.get(name);
  const custom = useCustomEmoji((s) => (standard ? undefined : s.byName[name]));
  if (standard) return <EmojiImage emoji={standard} label={`:${name}:`} size={size} />;
  if (custom) {
    return <img className="custom-emoji" src={customEmojiImageUrl(custom.id)} alt={`:${name}:`} title={`:${name}:`} width={size} height={size} />;
  }
  return <>{`:${name}:`}</>;
}
