import { useEffect, useState, type ReactNode } from 'react';
import { IntlProvider } from 'react-intl';
import { useStore } from '../store/store';
import { en, type Messages } from './en';

/*
 * Catalogue layout: English (en.ts + feature pairs *.en.ts) is the source of every id; German keeps its
 * feature pairs (de.ts + *.de.ts). Every further language is ONE flat file `locales/<id>.ts` exporting a
 * `Messages` catalogue named after the id (`fr`, `ptBR`, `zhCN`, …), so the compiler proves it has exactly the
 * English ids. Register it below in LOCALES (its own name for itself) and in `loaders` (a lazy import: each
 * language is its own chunk). Ids follow Mattermost: a bare language, except pt-BR and zh-CN.
 * web/test/i18n_catalogues.test.ts checks every language in `loaders` (ids, ICU syntax, placeholders, plurals).
 */
export const LOCALES: Array<{ id: string; name: string }> = [
  { id: 'en', name: 'English' },
  { id: 'de', name: 'Deutsch' },
  { id: 'fr', name: 'Français' },
  { id: 'es', name: 'Español' },
  { id: 'pt-BR', name: 'Português (Brasil)' },
  { id: 'ja', name: '日本語' },
  { id: 'zh-CN', name: '中文 (简体)' },
  { id: 'ru', name: 'Русский' },
];

export const loaders: Record<string, () => Promise<Messages>> = {
  de: () => import('./de').then((m) => m.de),
  fr: () => import('./locales/fr').then((m) => m.fr),
  es: () => import('./locales/es').then((m) => m.es),
  'pt-BR': () => import('./locales/pt-BR').then((m) => m.ptBR),
  ja: () => import('./locales/ja').then((m) => m.ja),
  'zh-CN': () => import('./locales/zh-CN').then((m) => m.zhCN),
  ru: () => import('./locales/ru').then((m) => m.ru),
};

/** The app locale for a browser language tag: the exact tag (pt-BR), else its bare language (fr-CA → fr). */
/** Tags written in Simplified Chinese (bare `zh`, `zh-Hans…`, Singapore, Malaysia); Traditional (`zh-TW`, `zh-HK`) is not. */
const SIMPLIFIED_CHINESE = /^zh(-hans(-[a-z]+)?|-sg|-my)?$/i;

export function matchLocale(tag: string): string | undefined {
  if (SIMPLIFIED_CHINESE.test(tag)) return 'zh-CN';
  const known = LOCALES.map((l) => l.id);
  const exact = known.find((id) => id.toLowerCase() === tag.toLowerCase());
  if (exact) return exact;
  const language = tag.split('-')[0].toLowerCase();
  return known.find((id) => id === language);
}

/** The user's own setting wins; without one, the first of the browser's languages that we have. */
export function preferredLocale(userLocale: string | undefined, browserLanguages: readonly string[]): string {
  if (userLocale) return matchLocale(userLocale) ?? 'en';
  for (const tag of browserLanguages) {
    const match = matchLocale(tag);
    if (match) return match;
  }
  return 'en';
}

function browserLanguages(): readonly string[] {
  if (typeof navigator === 'undefined') return [];
  return navigator.languages.length ? navigator.languages : [navigator.language];
}

/** English ships in the shell; other languages load on demand. */
export function I18nProvider({ children }: { children: ReactNode }) {
  const userLocale = useStore((s) => s.me?.locale);
  const locale = preferredLocale(userLocale, browserLanguages());
  const [loaded, setLoaded] = useState<{ locale: string; messages: Messages }>({ locale: 'en', messages: en });
  useEffect(() => {
    let cancelled = false;
    const load = loaders[locale];
    if (!load) {
      setLoaded({ locale: 'en', messages: en });
      return;
    }
    void load().then((messages) => {
      if (!cancelled) setLoaded({ locale, messages });
    });
    return () => {
      cancelled = true;
    };
  }, [locale]);
  useEffect(() => {
    document.documentElement.lang = loaded.locale;
  }, [loaded.locale]);
  return (
    <IntlProvider locale={loaded.locale} messages={loaded.messages} defaultLocale="en">
      {children}
    </IntlProvider>
  );
}
