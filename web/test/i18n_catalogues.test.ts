import { parse, TYPE, type MessageFormatElement } from '@formatjs/icu-messageformat-parser';
import { describe, expect, it } from 'vitest';
import { en, type Messages } from '../src/i18n/en';
import { loaders } from '../src/i18n/I18nProvider';

/** Every language the app can load (part of `loaders`), so a newly registered one is checked without touching this file. */
const languages = Object.keys(loaders);

async function catalogue(lang: string): Promise<Messages> {
  return loaders[lang]();
}

/** Argument names used anywhere in a message, including inside plural and select branches. */
function argumentNames(elements: MessageFormatElement[], into = new Set<string>()): Set<string> {
  for (const el of elements) {
    if (el.type === TYPE.literal || el.type === TYPE.pound) continue;
    if (el.type === TYPE.tag) {
      argumentNames(el.children, into);
      continue;
    }
    into.add(el.value);
    if (el.type === TYPE.plural || el.type === TYPE.select) {
      for (const option of Object.values(el.options)) argumentNames(option.value, into);
    }
  }
  return into;
}

/** The branch keys of every cardinal plural argument in a message, by argument name. */
function pluralBranches(elements: MessageFormatElement[], into: Array<{ arg: string; keys: string[] }> = []): Array<{ arg: string; keys: string[] }> {
  for (const el of elements) {
    if (el.type === TYPE.tag) pluralBranches(el.children, into);
    if (el.type === TYPE.plural || el.type === TYPE.select) {
      if (el.type === TYPE.plural && el.pluralType === 'cardinal') into.push({ arg: el.value, keys: Object.keys(el.options) });
      for (const option of Object.values(el.options)) pluralBranches(option.value, into);
    }
  }
  return into;
}

const sorted = (names: Set<string>): string[] => [...names].sort();

describe('message catalogues', () => {
  it('registers the languages of issue 15 next to English and German', () => {
    expect(languages).toEqual(expect.arrayContaining(['de', 'fr', 'es', 'pt-BR']));
  });

  it.each(languages)('%s has exactly the English message ids', async (lang) => {
    const messages = await catalogue(lang);
    const ids = new Set(Object.keys(messages));
    const missing = Object.keys(en).filter((id) => !ids.has(id));
    const extra = [...ids].filter((id) => !(id in en));
    expect({ missing, extra }).toEqual({ missing: [], extra: [] });
  });

  it.each(languages)('%s messages are valid ICU with the English placeholders', async (lang) => {
    const messages = await catalogue(lang);
    const problems: string[] = [];
    for (const [id, source] of Object.entries(en)) {
      const text = messages[id as keyof Messages];
      if (text === undefined) continue; // reported by the ids test
      try {
        const expected = sorted(argumentNames(parse(source)));
        const actual = sorted(argumentNames(parse(text)));
        if (expected.join() !== actual.join()) problems.push(`${id}: {${actual.join(', ')}} instead of {${expected.join(', ')}}`);
      } catch (err) {
        problems.push(`${id}: ${err instanceof Error ? err.message : String(err)}`);
      }
    }
    expect(problems).toEqual([]);
  });

  it.each(['en', ...languages])('%s plurals have every category the language needs', async (lang) => {
    const messages = lang === 'en' ? en : await catalogue(lang);
    const needed = new Intl.PluralRules(lang).resolvedOptions().pluralCategories;
    const problems: string[] = [];
    for (const [id, text] of Object.entries(messages)) {
      for (const { arg, keys } of pluralBranches(parse(text))) {
        const absent = needed.filter((category) => !keys.includes(category));
        if (absent.length) problems.push(`${id} {${arg}} lacks ${absent.join(', ')}`);
      }
    }
    expect(problems).toEqual([]);
  });

  it.each(languages)('%s is translated, not a copy of English', async (lang) => {
    const messages = await catalogue(lang);
    // Short strings (product names, "OAuth 2.0", "URL") may rightly stay the same.
    const copied = Object.entries(en).filter(([id, text]) => text.length > 24 && messages[id as keyof Messages] === text).map(([id]) => id);
    expect(copied).toEqual([]);
  });
});
