import { buildEmojiData, readEmojiSource } from '../build/emojiData';
import { createEmojiIndex, type EmojiIndex } from '../src/features/emoji/emojiIndex';
import { useEmojiData } from '../src/features/emoji/emojiStore';

let index: EmojiIndex | null = null;

/** The index the client builds, from the same generator the build runs on the installed emoji-datasource data. */
export function testEmojiIndex(): EmojiIndex {
  index ??= createEmojiIndex(buildEmojiData(readEmojiSource(), 62));
  return index;
}

/** Makes the emoji data "loaded" in the client store, as the lazy chunk does in the browser. */
export function loadTestEmojiData(): EmojiIndex {
  const loaded = testEmojiIndex();
  useEmojiData.setState({ index: loaded });
  return loaded;
}
