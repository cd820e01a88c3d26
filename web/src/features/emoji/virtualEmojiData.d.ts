/** Generated at build time by web/build/emojiData.ts from emoji-datasource-google. */
declare module 'virtual:parley-emoji-data' {
  /** the sprite sheets' URLs (hashed Vite assets) */
  export const sheets: { x1: string; x2: string };
  export const data: import('./emojiDataTypes').EmojiDataFile;
}

declare module 'virtual:parley-emoji-sprite.css';
