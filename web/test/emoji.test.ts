import { beforeAll, describe, expect, it } from 'vitest';
import { buildEmojiData, readEmojiSource, spriteCss } from '../build/emojiData';
import type { EmojiIndex } from '../src/features/emoji/emojiIndex';
import { MAX_RECENT, parseRecent, parseSkinTone, withRecent } from '../src/features/emoji/emojiPrefs';
import { COLUMNS, layoutSections, moveActive, visibleRows, ROW_HEIGHT, TITLE_HEIGHT, type PickerSection } from '../src/features/emoji/pickerLayout';
import { renderMarkdown } from '../src/features/markdown/markdown';
import { loadTestEmojiData, testEmojiIndex } from './emojiFixture';

const source = readEmojiSource();
let index: EmojiIndex;
beforeAll(() => {
  index = loadTestEmojiData();
});

describe('generated emoji data', () => {
  it('covers every emoji of emoji.json that has a Google image, each skin variant, inside a 62 × 62 sheet', () => {
    const data = buildEmojiData(source, 62);
    const withImage = source.filter((e) => e.has_img_google);
    expect(data.emoji).toHaveLength(withImage.length);
    expect(data.emoji.length).toBeGreaterThan(1900);
    const generated = new Map(data.emoji.map((e) => [e.unified, e]));
    for (const e of withImage) {
      const g = generated.get(e.unified);
      expect(g?.names, e.unified).toEqual(e.short_names);
      expect(g?.cell).toEqual([e.sheet_x, e.sheet_y]);
      for (const [tone, v] of Object.entries(e.skin_variations ?? {})) {
        if (v.has_img_google) expect(g?.skins?.[tone]).toEqual({ unified: v.unified, cell: [v.sheet_x, v.sheet_y] });
      }
    }
    const cells = data.emoji.flatMap((e) => [e.cell, ...Object.values(e.skins ?? {}).map((v) => v.cell)]);
    expect(cells.every(([x, y]) => x >= 0 && x < 62 && y >= 0 && y < 62)).toBe(true);
    // Sort order kept: the first emoji is the first smiley.
    expect(data.emoji[0].names[0]).toBe('grinning');
  });

  it('offers the picker categories in order, without the skin tone swatches', () => {
    expect(index.categories.map((c) => c.name)).toEqual([
      'Smileys & Emotion', 'People & Body', 'Animals & Nature', 'Food & Drink', 'Travel & Places', 'Activities', 'Objects', 'Symbols', 'Flags',
    ]);
    expect(index.categories.reduce((n, c) => n + c.emoji.length, 0)).toBe(index.all.length - 5);
  });

  it('positions sheet cells by percentage, first and last column at the edges', () => {
    const css = spriteCss(62);
    expect(css).toContain('.ex-0{background-position-x:0%}');
    expect(css).toContain('.ey-61{background-position-y:100%}');
    expect(css).toContain('background-size:6200% 6200%');
  });
});

describe('emoji lookups', () => {
  it('finds an emoji by canonical name, alias, older name and toned name', () => {
    expect(index.get('+1')?.char).toBe('👍');
    expect(index.get('thumbsup')?.char).toBe('👍');
    expect(index.get('tada')?.char).toBe('🎉');
    expect(index.get('thinking')?.char).toBe('🤔');
    expect(index.get('slightly_smiling')?.char).toBe('🙂');
    expect(index.get('+1_light_skin_tone')?.char).toBe('👍🏻');
    expect(index.get('thumbsup_dark_skin_tone')?.char).toBe('👍🏿');
    expect(index.get('nope')).toBeUndefined();
  });

  it('finds an emoji by its characters, with or without the variation selector', () => {
    expect(index.fromText('🎉')?.name).toBe('tada');
    expect(index.fromText('❤️')?.name).toBe('heart');
    expect(index.fromText('❤')?.name).toBe('heart');
    expect(index.fromText('👍🏽')?.name).toBe('+1_medium_skin_tone');
  });

  it('scans texts for emoji sequences: ZWJ, flags, keycaps and tones, not text-style symbols', () => {
    const text = 'hi 🎉 © 2024 ™ 🇩🇪 1️⃣ 👩🏽‍💻 ok';
    const found = index.scan(text).map((m) => [text.slice(m.index, m.index + m.length), m.ref.name]);
    expect(found).toEqual([
      ['🎉', 'tada'],
      ['🇩🇪', 'de'],
      ['1️⃣', 'one'],
      ['👩🏽‍💻', 'female-technologist_medium_skin_tone'],
    ]);
  });

  it('applies a skin tone to emoji that have one, and leaves the others alone', () => {
    const hand = index.get('raised_hand');
    if (!hand) throw new Error('raised_hand missing');
    // Toned names follow the canonical name: `hand` for ✋ (raised_hand is its alias).
    expect(index.withTone(hand, '1F3FD').name).toBe('hand_medium_skin_tone');
    expect(index.get('raised_hand_medium_skin_tone')).toBe(index.withTone(hand, '1F3FD'));
    expect(index.withTone(hand, '1F3FD').char).toBe('✋🏽');
    expect(index.withTone(index.withTone(hand, '1F3FD'), 'default').name).toBe('hand');
    const pair = index.get('people_holding_hands');
    if (!pair) throw new Error('people_holding_hands missing');
    expect(index.withTone(pair, '1F3FF').char).toBe(pair.base.skins?.['1F3FF-1F3FF'] ? '🧑🏿‍🤝‍🧑🏿' : pair.char);
    const pizza = index.get('pizza');
    if (!pizza) throw new Error('pizza missing');
    expect(index.withTone(pizza, '1F3FB')).toBe(pizza);
  });

  it('searches names first, then descriptions', () => {
    expect(index.search('pizza', 5)[0].name).toBe('pizza');
    expect(index.search('thumbs', 5).map((e) => e.name)).toContain('+1');
    expect(index.search('slice of', 5).map((e) => e.name)).toContain('pizza');
  });

  it('knows a message of emoji only', () => {
    const custom = (name: string): boolean => name === 'parrot';
    expect(index.onlyEmoji('🎉', custom)).toBe(true);
    expect(index.onlyEmoji(' :tada: 👍🏽 :parrot: ', custom)).toBe(true);
    expect(index.onlyEmoji(':tada: yes', custom)).toBe(false);
    expect(index.onlyEmoji(':unknown:', custom)).toBe(false);
    expect(index.onlyEmoji('©', custom)).toBe(false);
  });

  it('renders :shortcode: and Unicode emoji in messages as sprite images with their text kept, code left alone', () => {
    const el = document.createElement('div');
    el.innerHTML = renderMarkdown('party :tada: and 🎉 but `🎉 :tada:`');
    const images = el.querySelectorAll('.emoji-sprite');
    expect(images).toHaveLength(2);
    expect(images[0].getAttribute('role')).toBe('img');
    expect(images[0].getAttribute('aria-label')).toBe(':tada:');
    expect(images[0].textContent).toBe('🎉');
    expect(images[1].getAttribute('aria-label')).toBe('🎉');
    const cell = testEmojiIndex().get('tada')?.cell ?? [];
    expect(images[0].className).toBe(`emoji emoji-sprite ex-${cell[0]} ey-${cell[1]}`);
    expect(images[0].hasAttribute('style')).toBe(false);
    expect(el.querySelector('code')?.textContent).toBe('🎉 :tada:');
  });
});

describe('skin tone and recently used preferences', () => {
  it('reads the skin tone, falling back to default', () => {
    expect(parseSkinTone('1F3FC')).toBe('1F3FC');
    expect(parseSkinTone('purple')).toBe('default');
    expect(parseSkinTone(undefined)).toBe('default');
  });

  it('keeps recently used emoji most recent first, counting uses, at most 27', () => {
    let list = withRecent([], 'tada');
    list = withRecent(list, 'pizza');
    list = withRecent(list, 'tada');
    expect(list).toEqual([{ name: 'tada', usageCount: 2 }, { name: 'pizza', usageCount: 1 }]);
    for (let i = 0; i < 40; i++) list = withRecent(list, `e${i}`);
    expect(list).toHaveLength(MAX_RECENT);
    expect(list[0].name).toBe('e39');
    expect(list.some((e) => e.name === 'tada')).toBe(false);
  });

  it('reads Mattermost\'s objects, plain names, and ignores garbage', () => {
    expect(parseRecent('[{"name":"smile","usageCount":3},"wave",{"x":1}]')).toEqual([{ name: 'smile', usageCount: 3 }, { name: 'wave', usageCount: 1 }]);
    expect(parseRecent('not json')).toEqual([]);
    expect(parseRecent('{"name":"smile"}')).toEqual([]);
  });
});

describe('picker layout', () => {
  const cells = (n: number, prefix: string) => Array.from({ length: n }, (_, i) => ({ name: `${prefix}${i}` }));
  const sections: PickerSection[] = [{ id: 'recent', cells: cells(3, 'r') }, { id: 'a', cells: cells(20, 'a') }, { id: 'b', cells: cells(5, 'b') }];
  const { boxes, height } = layoutSections(sections);

  it('places sections with fixed heights', () => {
    expect(boxes.map((b) => [b.top, b.rows, b.firstCell])).toEqual([
      [0, 1, 0],
      [TITLE_HEIGHT + ROW_HEIGHT, 3, 3],
      [2 * TITLE_HEIGHT + 4 * ROW_HEIGHT, 1, 23],
    ]);
    expect(height).toBe(3 * TITLE_HEIGHT + 5 * ROW_HEIGHT);
  });

  it('renders only rows in view', () => {
    const a = boxes[1];
    expect(visibleRows(a, a.top + TITLE_HEIGHT + ROW_HEIGHT, a.top + TITLE_HEIGHT + 2 * ROW_HEIGHT)).toEqual([1, 2]);
    expect(visibleRows(a, 0, a.top)).toBeNull();
  });

  it('moves the active cell by row across sections, keeping the column where it can', () => {
    expect(moveActive(boxes, 1, 'ArrowDown')).toBe(3 + 1);
    expect(moveActive(boxes, 3 + 1, 'ArrowUp')).toBe(1);
    expect(moveActive(boxes, 3 + COLUMNS * 2 + 1, 'ArrowDown')).toBe(23 + 1);
    expect(moveActive(boxes, 3 + COLUMNS + 8, 'ArrowDown')).toBe(3 + 19);
    expect(moveActive(boxes, 0, 'ArrowLeft')).toBe(0);
    expect(moveActive(boxes, 27, 'ArrowRight')).toBe(27);
  });
});
