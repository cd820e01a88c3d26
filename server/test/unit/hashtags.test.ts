import { describe, expect, it } from 'vitest';
import { parseHashtags } from '../../src/app/hashtags.js';

describe('hashtag extraction', () => {
  it.each([
    ['plain words only', ''],
    ['#release today', '#release'],
    ['ship #v2.0 and #ab', '#v2.0 #ab'],
    ['(#wrapped), "#quoted"! #end.', '#wrapped #quoted #end'],
    ['##double ###triple', '#double #triple'],
    ['#a #1abc #_x #-y', ''],
    ['#über #日本語 #café-menu', '#über #日本語 #café-menu'],
    ['#trailing- #mid_dle_', '#trailing #mid_dle'],
    ['a#notatag email@host.com #ok', '#ok'],
    ['#same #same', '#same #same'],
    ['  #tab\t#newline\n#x9  ', '#tab #newline #x9'],
  ])('%j -> %j', (message, expected) => {
    expect(parseHashtags(message)).toBe(expected);
  });

  it('keeps at most 1000 characters, cutting at a whole hashtag', () => {
    const tags = Array.from({ length: 200 }, (_, i) => `#tag${String(i).padStart(4, '0')}`);
    const parsed = parseHashtags(tags.join(' '));
    expect(parsed.length).toBeLessThanOrEqual(1000);
    expect(parsed.split(' ').every((t) => /^#tag\d{4}$/.test(t))).toBe(true);
    expect(parsed).toBe(tags.slice(0, parsed.split(' ').length).join(' '));
    expect(parsed.length + ' #tag0000'.length).toBeGreaterThan(1000);
  });
});
