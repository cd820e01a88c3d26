import { createIntl } from 'react-intl';
import { describe, expect, it } from 'vitest';
import { matchLocale, preferredLocale } from '../src/i18n/I18nProvider';
import { formatTimeOfDay, localeUses24h } from '../src/features/posts/time';

// Local wall-clock times, so the test does not depend on the machine's time zone.
const morning = new Date(2026, 0, 5, 9, 10).getTime();
const evening = new Date(2026, 0, 5, 21, 5).getTime();
const afterMidnight = new Date(2026, 0, 5, 0, 5).getTime();

/** Engines put a (narrow) no-break space before AM/PM; compare with plain spaces. */
function timeIn(locale: string, ms: number, h24: boolean | undefined): string {
  return formatTimeOfDay(createIntl({ locale, messages: {} }), ms, h24).replace(/\s/g, ' ');
}

describe('time of day', () => {
  it('uses the locale’s own clock when the user never chose one', () => {
    expect(timeIn('de', morning, undefined)).toBe('09:10');
    expect(timeIn('de', evening, undefined)).toBe('21:05');
    expect(timeIn('en', morning, undefined)).toBe('9:10 AM');
    expect(timeIn('en', evening, undefined)).toBe('9:05 PM');
    expect(timeIn('fr', evening, undefined)).toBe('21:05');
  });

  it('follows the user’s explicit choice in any language', () => {
    expect(timeIn('en', evening, true)).toBe('21:05');
    expect(timeIn('en', afterMidnight, true)).toBe('00:05');
    expect(timeIn('de', evening, false)).toMatch(/^0?9:05 PM$/);
    expect(timeIn('de', evening, true)).toBe('21:05');
    expect(timeIn('en', morning, false)).toBe('9:10 AM');
  });

  it('knows which locales count hours to 24', () => {
    expect(localeUses24h('de')).toBe(true);
    expect(localeUses24h('fr')).toBe(true);
    expect(localeUses24h('en')).toBe(false);
  });
});

describe('choosing the app language', () => {
  it('matches a browser tag to a language we have', () => {
    expect(matchLocale('fr-CA')).toBe('fr');
    expect(matchLocale('es-MX')).toBe('es');
    expect(matchLocale('de')).toBe('de');
    expect(matchLocale('pt-BR')).toBe('pt-BR');
    expect(matchLocale('pt-br')).toBe('pt-BR');
    expect(matchLocale('pt-PT')).toBeUndefined();
    expect(matchLocale('ko')).toBeUndefined();
    for (const tag of ['zh', 'zh-CN', 'zh-Hans', 'zh-Hans-CN', 'zh-SG']) expect(matchLocale(tag)).toBe('zh-CN');
    for (const tag of ['zh-TW', 'zh-HK', 'zh-Hant']) expect(matchLocale(tag)).toBeUndefined();
  });

  it('prefers the user’s own setting, then the browser’s languages in order, then English', () => {
    expect(preferredLocale('pt-BR', ['de-DE'])).toBe('pt-BR');
    expect(preferredLocale('fr', ['de-DE'])).toBe('fr');
    expect(preferredLocale(undefined, ['ko-KR', 'es-419', 'de'])).toBe('es');
    expect(preferredLocale(undefined, ['pt-BR', 'en'])).toBe('pt-BR');
    expect(preferredLocale(undefined, ['ko'])).toBe('en');
    expect(preferredLocale('xx', ['de'])).toBe('en');
  });
});
