import { describe, expect, it } from 'vitest';
import { etagMatches } from '../../src/api/v4/pictures/etag.js';
import { customEmojiCandidates, isSystemEmojiName } from '../../src/app/emoji/emoji_names.js';
import { sniffImageFormat } from '../../src/app/pictures/images.js';

describe('custom emoji candidates', () => {
  it('takes :name: from texts and reaction names, leaving built-in names and malformed ones out', () => {
    expect(customEmojiCandidates(['hi :partyparrot: and :smile: :+1: at 10:30 :Caps: :partyparrot:'], ['blob_cat', 'thumbsup', 'bad name'])).toEqual(['partyparrot', 'blob_cat']);
    expect(customEmojiCandidates(['no colons at all'], [])).toEqual([]);
  });

  it('knows the names the web client offers as built-in', () => {
    for (const name of ['smile', '+1', '-1', 'white_check_mark', 'tada', 'heart']) expect(isSystemEmojiName(name)).toBe(true);
    expect(isSystemEmojiName('partyparrot')).toBe(false);
  });

  it('knows the full emoji-datasource set, older names and skin-toned names as Mattermost writes them', () => {
    for (const name of ['melting_face', 'pizza', 'flag-de', 'de', 'thinking', 'slightly_smiling', '+1_light_skin_tone', 'thumbsup_dark_skin_tone', 'handshake_light_skin_tone_dark_skin_tone']) {
      expect(isSystemEmojiName(name), name).toBe(true);
    }
    for (const name of ['partyparrot_light_skin_tone', 'light_skin_tone_pizza', 'pizza_light']) expect(isSystemEmojiName(name), name).toBe(false);
  });
});

describe('image sniffing', () => {
  it('names the four accepted formats by their first bytes and nothing else', () => {
    expect(sniffImageFormat(Buffer.from('89504e470d0a1a0a0000', 'hex'))).toBe('png');
    expect(sniffImageFormat(Buffer.from('ffd8ffe000', 'hex'))).toBe('jpeg');
    expect(sniffImageFormat(Buffer.from('GIF89a....'))).toBe('gif');
    expect(sniffImageFormat(Buffer.from('RIFF\0\0\0\0WEBPVP8 '))).toBe('webp');
    expect(sniffImageFormat(Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"/>'))).toBeUndefined();
    expect(sniffImageFormat(Buffer.from('II*\0'))).toBeUndefined();
    expect(sniffImageFormat(Buffer.alloc(0))).toBeUndefined();
  });
});

describe('picture ETags', () => {
  it('matches a bare, quoted, weak or listed tag, and * ', () => {
    expect(etagMatches('1700', '1700')).toBe(true);
    expect(etagMatches('"1700"', '1700')).toBe(true);
    expect(etagMatches('W/"1700"', '1700')).toBe(true);
    expect(etagMatches('"1", "1700"', '1700')).toBe(true);
    expect(etagMatches('*', '1700')).toBe(true);
    expect(etagMatches('1701', '1700')).toBe(false);
    expect(etagMatches(undefined, '1700')).toBe(false);
  });
});
