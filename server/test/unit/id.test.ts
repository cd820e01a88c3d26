import { describe, expect, it } from 'vitest';
import { isValidId, newId } from '../../src/model/id.js';

describe('ids', () => {
  it('are 26 characters from the Mattermost alphabet and unique', () => {
    const ids = new Set(Array.from({ length: 10_000 }, newId));
    expect(ids.size).toBe(10_000);
    for (const id of ids) {
      expect(id).toMatch(/^[ybndrfg8ejkmcpqxot1uwisza345h769]{26}$/);
      expect(isValidId(id)).toBe(true);
    }
  });

  it('rejects malformed ids', () => {
    for (const bad of ['', 'abc', 'A'.repeat(26), 'a'.repeat(25), 'a'.repeat(27), 'aaaaaaaaaaaaaaaaaaaaaaaa-a', null, 42]) {
      expect(isValidId(bad)).toBe(false);
    }
  });
});
