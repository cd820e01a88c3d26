import type { EmojiDataFile, RawEmoji, SheetCell } from './emojiDataTypes';
import type { SkinTone } from './skinTones';

/** How Mattermost names a toned emoji: `<name>_<tone>` (`+1_light_skin_tone`), pairs joined by `_`. */
const TONE_NAMES: Record<string, string> = {
  '1F3FB': 'light_skin_tone',
  '1F3FC': 'medium_light_skin_tone',
  '1F3FD': 'medium_skin_tone',
  '1F3FE': 'medium_dark_skin_tone',
  '1F3FF': 'dark_skin_tone',
};

/** Reaction and custom emoji names are at most 64 characters (Mattermost's limit); a longer toned name is not offered. */
const MAX_NAME = 64;
const COMPONENT = 'Component';

/** One emoji image: a base emoji or one of its skin-tone variants. */
export interface EmojiRef {
  /** the name to write (`:name:`) and react with */
  name: string;
  /** the Unicode sequence */
  char: string;
  cell: SheetCell;
  /** the emoji without tone, for searching and applying another tone */
  base: RawEmoji;
}

export interface EmojiCategory {
  name: string;
  emoji: EmojiRef[];
}

/** A Unicode emoji found in a text. */
export interface EmojiMatch {
  index: number;
  length: number;
  ref: EmojiRef;
}

/**
 * Candidate emoji sequences: flags (regional indicator pairs), keycaps, and pictographs with their variation
 * selector, skin tone, tag sequence (subdivision flags) and ZWJ-joined parts. Each match is then looked up in the data.
 */
const SEQUENCE =
  /\p{RI}\p{RI}|[#*0-9]\uFE0F?\u20E3|(?:\p{ExtPict}|\p{EMod})\uFE0F?\p{EMod}?(?:[\u{E0020}-\u{E007E}]+\u{E007F})?(?:\u200D(?:\p{ExtPict}|\p{Emoji_Component})\uFE0F?\p{EMod}?)*/gu;
/** A lone character that is text unless followed by U+FE0F (©, ™, ↔, ☺…) stays text. */
const EMOJI_PRESENTATION = /^\p{Emoji_Presentation}$/u;
const SHORTCODE = /^:([a-z0-9_+-]+):/i;

export const charOf = (unified: string): string => String.fromCodePoint(...unified.split('-').map((hex) => parseInt(hex, 16)));
/** Texts write some emoji with and some without U+FE0F: look them up without it. */
const textKey = (s: string): string => s.replace(/\uFE0F/g, '');
const toneSuffix = (toneKey: string): string => toneKey.split('-').map((t) => TONE_NAMES[t] ?? t.toLowerCase()).join('_');

export interface EmojiIndex {
  /** by any short name: canonical, alias, legacy alias, or toned (`thumbsup_dark_skin_tone`) */
  get(name: string): EmojiRef | undefined;
  /** by Unicode sequence, with or without variation selectors */
  fromText(text: string): EmojiRef | undefined;
  /** the Unicode emoji in a text that have an image */
  scan(text: string): EmojiMatch[];
  /** the variant with the user's tone: one tone for all people in it; the emoji itself when it has no such variant */
  withTone(ref: EmojiRef, tone: SkinTone): EmojiRef;
  /** base emoji whose names (first) or description match */
  search(query: string, limit: number): EmojiRef[];
  /** true when the text is nothing but emoji (standard, or custom ones `isCustom` knows) and spaces */
  onlyEmoji(text: string, isCustom: (name: string) => boolean): boolean;
  /** the picker's categories in order, base emoji only */
  categories: EmojiCategory[];
  /** every base emoji, in sort order */
  all: EmojiRef[];
}

export function createEmojiIndex(file: EmojiDataFile): EmojiIndex {
  const byName = new Map<string, EmojiRef>();
  const byText = new Map<string, EmojiRef>();
  const baseRef = new Map<RawEmoji, EmojiRef>();
  const aliasesOf = new Map<string, string[]>();
  for (const [alias, target] of Object.entries(file.aliases)) aliasesOf.set(target, [...(aliasesOf.get(target) ?? []), alias]);

  const all: EmojiRef[] = [];
  for (const raw of file.emoji) {
    const ref: EmojiRef = { name: raw.names[0], char: charOf(raw.unified), cell: raw.cell, base: raw };
    all.push(ref);
    baseRef.set(raw, ref);
    const names = [...raw.names, ...raw.names.flatMap((n) => aliasesOf.get(n) ?? [])];
    for (const n of names) if (!byName.has(n)) byName.set(n, ref);
    byText.set(textKey(ref.char), ref);
    if (raw.nonQualified) byText.set(textKey(charOf(raw.nonQualified)), ref);
    for (const [toneKey, variant] of Object.entries(raw.skins ?? {})) {
      const suffix = toneSuffix(toneKey);
      const toned: EmojiRef = { name: `${raw.names[0]}_${suffix}`, char: charOf(variant.unified), cell: variant.cell, base: raw };
      for (const n of names) if (!byName.has(`${n}_${suffix}`)) byName.set(`${n}_${suffix}`, toned);
      byText.set(textKey(toned.char), toned);
    }
  }

  const categories: EmojiCategory[] = file.categories
    .map((name, i) => ({ name, emoji: all.filter((e) => e.base.category === i) }))
    .filter((c) => c.name !== COMPONENT && c.emoji.length > 0);

  const fromText = (text: string): EmojiRef | undefined => byText.get(textKey(text));

  function scan(text: string): EmojiMatch[] {
    const found: EmojiMatch[] = [];
    for (const m of text.matchAll(SEQUENCE)) {
      const seq = m[0];
      if ([...seq].length === 1 && !EMOJI_PRESENTATION.test(seq)) continue;
      const ref = fromText(seq);
      if (ref) found.push({ index: m.index ?? 0, length: seq.length, ref });
    }
    return found;
  }

  function withTone(ref: EmojiRef, tone: SkinTone): EmojiRef {
    const skins = ref.base.skins;
    if (tone === 'default' || !skins) return baseRef.get(ref.base) ?? ref;
    const key = skins[tone] ? tone : skins[`${tone}-${tone}`] ? `${tone}-${tone}` : '';
    if (!key) return ref;
    const name = `${ref.base.names[0]}_${toneSuffix(key)}`;
    return name.length <= MAX_NAME ? (byName.get(name) ?? ref) : ref;
  }

  function search(query: string, limit: number): EmojiRef[] {
    const q = query.trim().toLowerCase().replace(/^:|:$/g, '');
    if (!q) return all.filter((e) => e.base.category !== file.categories.indexOf(COMPONENT)).slice(0, limit);
    const ranked: EmojiRef[][] = [[], [], []];
    for (const e of all) {
      const names = e.base.names.concat(aliasesOf.get(e.base.names[0]) ?? []);
      if (names.some((n) => n.startsWith(q))) ranked[0].push(e);
      else if (names.some((n) => n.includes(q))) ranked[1].push(e);
      else if (e.base.description.includes(q)) ranked[2].push(e);
    }
    return ranked.flat().slice(0, limit);
  }

  function onlyEmoji(text: string, isCustom: (name: string) => boolean): boolean {
    const rest = text.trim();
    if (!rest) return false;
    const matches = scan(rest);
    let pos = 0;
    let next = 0;
    while (pos < rest.length) {
      if (/\s/.test(rest[pos])) {
        pos++;
        continue;
      }
      while (next < matches.length && matches[next].index < pos) next++;
      if (matches[next]?.index === pos) {
        pos += matches[next].length;
        continue;
      }
      const code = SHORTCODE.exec(rest.slice(pos));
      const name = code?.[1].toLowerCase() ?? '';
      if (!code || !(byName.has(name) || isCustom(name))) return false;
      pos += code[0].length;
    }
    return true;
  }

  return { get: (name) => byName.get(name.toLowerCase()), fromText, scan, withTone, search, onlyEmoji, categories, all };
}
