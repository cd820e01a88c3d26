/**
 * The shape of the emoji data the build generates from emoji-datasource (web/build/emojiData.ts) and the client
 * loads lazily (`virtual:parley-emoji-data`). Only what the client needs: no vendor codes, no per-vendor flags.
 */

/** Where an image sits in the sprite sheet: column and row of a 62 × 62 grid. */
export type SheetCell = [x: number, y: number];

/** A skin-tone variant: its code points (hex, dash-separated, as emoji-datasource writes them) and its cell. */
export interface RawSkinVariant {
  unified: string;
  cell: SheetCell;
}

export interface RawEmoji {
  /** code points, e.g. "1F44D" or "1F469-200D-1F4BB" */
  unified: string;
  /** the same without the variation selectors some texts leave out, when the data names one */
  nonQualified?: string;
  /** short names, the first is the canonical one (Mattermost's), then aliases */
  names: string[];
  /** the Unicode name in lower case, searched as keywords ("slice of pizza") */
  description: string;
  /** index into EmojiDataFile.categories */
  category: number;
  cell: SheetCell;
  /** keyed by tone ("1F3FB") or tone pair ("1F3FB-1F3FC") */
  skins?: Record<string, RawSkinVariant>;
}

export interface EmojiDataFile {
  /** category names in picker order, as emoji-datasource names them ("Smileys & Emotion", …) */
  categories: string[];
  /** every emoji with an image, in the data's sort order */
  emoji: RawEmoji[];
  /** older short names (gemoji, earlier Mattermost data) → the canonical name they stand for */
  aliases: Record<string, string>;
  /** columns (and rows) of the sprite sheet */
  sheetSize: number;
}
