import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Plugin } from 'vite';
import type { EmojiDataFile, RawEmoji, RawSkinVariant } from '../src/features/emoji/emojiDataTypes';
import { LEGACY_ALIASES } from './emojiAliases';

/** The module the client imports lazily: the data and the sprite sheets' URLs. */
export const EMOJI_DATA_MODULE = 'virtual:parley-emoji-data';
/** Its stylesheet: one class per sheet column and row, so no style attribute is ever needed (the CSP forbids them). */
export const EMOJI_SPRITE_CSS = 'virtual:parley-emoji-sprite.css';

const PACKAGE = 'emoji-datasource-google';
/** 32 px images for ordinary screens, 64 px for high-density ones; each browser downloads one of them. */
const SHEET_1X = `${PACKAGE}/img/google/sheets-256/32.png`;
const SHEET_2X = `${PACKAGE}/img/google/sheets-256/64.png`;
/** Skin tone swatches: in the data so a lone one renders, never offered in the picker. */
export const COMPONENT_CATEGORY = 'Component';

/** The fields of emoji-datasource's emoji.json that the generator reads. */
interface SourceVariant {
  unified: string;
  sheet_x: number;
  sheet_y: number;
  has_img_google: boolean;
}
export interface SourceEmoji extends SourceVariant {
  name: string | null;
  non_qualified: string | null;
  short_names: string[];
  category: string;
  sort_order: number;
  skin_variations?: Record<string, SourceVariant>;
}

/** The category order of the picker: the data's own, with Component last. */
function categoryOrder(source: readonly SourceEmoji[]): string[] {
  const firstSeen = new Map<string, number>();
  for (const e of source) {
    const at = firstSeen.get(e.category);
    if (at === undefined || e.sort_order < at) firstSeen.set(e.category, e.sort_order);
  }
  const names = [...firstSeen.keys()].filter((c) => c !== COMPONENT_CATEGORY).sort((a, b) => (firstSeen.get(a) ?? 0) - (firstSeen.get(b) ?? 0));
  return firstSeen.has(COMPONENT_CATEGORY) ? [...names, COMPONENT_CATEGORY] : names;
}

/** emoji.json → the compact data the client needs (every emoji that has a Google image, in sort order). */
export function buildEmojiData(source: readonly SourceEmoji[], sheetSize: number): EmojiDataFile {
  const categories = categoryOrder(source);
  const emoji = source
    .filter((e) => e.has_img_google)
    .sort((a, b) => a.sort_order - b.sort_order)
    .map((e): RawEmoji => {
      const out: RawEmoji = {
        unified: e.unified,
        names: e.short_names,
        description: (e.name ?? e.short_names[0]).toLowerCase(),
        category: categories.indexOf(e.category),
        cell: [e.sheet_x, e.sheet_y],
      };
      if (e.non_qualified) out.nonQualified = e.non_qualified;
      const skins = Object.entries(e.skin_variations ?? {}).filter(([, v]) => v.has_img_google);
      if (skins.length > 0) {
        out.skins = Object.fromEntries(skins.map(([tone, v]): [string, RawSkinVariant] => [tone, { unified: v.unified, cell: [v.sheet_x, v.sheet_y] }]));
      }
      return out;
    });
  const known = new Set(emoji.flatMap((e) => e.names));
  const aliases = Object.fromEntries(Object.entries(LEGACY_ALIASES).filter(([alias, target]) => known.has(target) && !known.has(alias)));
  return { categories, emoji, aliases, sheetSize };
}

/** Positions as percentages of the free space, so the same classes fit both sheets and any element size. */
export function spriteCss(sheetSize: number): string {
  const last = sheetSize - 1;
  const rules = ['.emoji-sprite{background-image:var(--parley-emoji-sheet);background-size:' + `${sheetSize * 100}% ${sheetSize * 100}%;background-repeat:no-repeat}`];
  for (let i = 0; i < sheetSize; i++) {
    const at = `${+((i / last) * 100).toFixed(4)}%`;
    rules.push(`.ex-${i}{background-position-x:${at}}`, `.ey-${i}{background-position-y:${at}}`);
  }
  return rules.join('\n');
}

/** Columns of the sheet, from its own data (the largest column index + 1). */
function sheetSizeOf(source: readonly SourceEmoji[]): number {
  let max = 0;
  for (const e of source) {
    max = Math.max(max, e.sheet_x, e.sheet_y);
    for (const v of Object.values(e.skin_variations ?? {})) max = Math.max(max, v.sheet_x, v.sheet_y);
  }
  return max + 1;
}

export function readEmojiSource(): SourceEmoji[] {
  const require = createRequire(import.meta.url);
  return JSON.parse(readFileSync(require.resolve(`${PACKAGE}/emoji.json`), 'utf8')) as SourceEmoji[];
}

/**
 * Generates the emoji data module and its sprite stylesheet from emoji-datasource-google at build time. The client
 * imports them lazily, so neither lands in the first-load bundle; the sheets are Vite assets (hashed names in
 * dist/assets), fetched only once an emoji is shown.
 */
export function emojiData(): Plugin {
  const require = createRequire(import.meta.url);
  return {
    name: 'parley-emoji-data',
    resolveId(id) {
      if (id === EMOJI_DATA_MODULE || id === EMOJI_SPRITE_CSS) return `\0${id}`;
      return null;
    },
    load(id) {
      if (id !== `\0${EMOJI_DATA_MODULE}` && id !== `\0${EMOJI_SPRITE_CSS}`) return null;
      const source = readEmojiSource();
      const size = sheetSizeOf(source);
      if (id === `\0${EMOJI_SPRITE_CSS}`) return spriteCss(size);
      const data = JSON.stringify(buildEmojiData(source, size));
      return [
        `import sheet1x from ${JSON.stringify(require.resolve(SHEET_1X))};`,
        `import sheet2x from ${JSON.stringify(require.resolve(SHEET_2X))};`,
        'export const sheets = { x1: sheet1x, x2: sheet2x };',
        // JSON.parse of a string is faster to start than the same object literal.
        `export const data = JSON.parse(${JSON.stringify(data)});`,
      ].join('\n');
    },
  };
}
