import { data, sheets } from 'virtual:parley-emoji-data';
import 'virtual:parley-emoji-sprite.css';
import { createEmojiIndex } from './emojiIndex';

/** The lazily loaded part of emoji support: the full data, indexed, and the sprite sheets for both pixel densities. */
export const emojiIndex = createEmojiIndex(data);
export const sheetImage = `image-set(url("${sheets.x1}") 1x, url("${sheets.x2}") 2x)`;
