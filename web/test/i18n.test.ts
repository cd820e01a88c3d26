import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { en } from '../src/i18n/en';
import { de } from '../src/i18n/de';

const placeholders = (text: string): string[] => [...text.matchAll(/\{(\w+)/g)].map((m) => m[1]).sort();

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    return statSync(full).isDirectory() ? sourceFiles(full) : /\.tsx?$/.test(name) ? [full] : [];
  });
}

describe('translations', () => {
  it('German has every English message with the same placeholders', () => {
    expect(Object.keys(de).sort()).toEqual(Object.keys(en).sort());
    for (const [id, text] of Object.entries(en)) {
      expect(placeholders(de[id as keyof typeof en]), id).toEqual(placeholders(text));
    }
  });

  it('German is actually translated (not a copy of English)', () => {
    const same = Object.entries(en).filter(([id, text]) => de[id as keyof typeof en] === text && text.length > 12);
    expect(same).toEqual([]);
  });

  it('every message id used in the code exists, and every message is used', () => {
    const src = path.resolve(__dirname, '../src');
    const code = sourceFiles(src).filter((f) => !f.includes(`${path.sep}i18n${path.sep}`)).map((f) => readFileSync(f, 'utf8')).join('\n');
    const used = new Set([...code.matchAll(/\bt\('([\w.]+)'/g)].map((m) => m[1]));
    for (const id of used) expect(en, id).toHaveProperty([id]);
    const unused = Object.keys(en).filter((id) => !used.has(id));
    expect(unused).toEqual([]);
  });
});
