import { useEffect, useState, type ReactNode } from 'react';
import { IntlProvider } from 'react-intl';
import { useStore } from '../store/store';
import { en, type Messages } from './en';

export const LOCALES: Array<{ id: string; name: string }> = [
  { id: 'en', name: 'English' },
  { id: 'de', name: 'Deutsch' },
];

const loaders: Record<string, () => Promise<Messages>> = {
  de: () => import('./de').then((m) => m.de),
};

function preferredLocale(userLocale: string | undefined): string {
  if (userLocale) return userLocale;
  const nav = typeof navigator === 'undefined' ? 'en' : navigator.language.slice(0, 2);
  return nav in loaders ? nav : 'en';
}

/** English ships in the shell; other languages load on demand. */
export function I18nProvider({ children }: { children: ReactNode }) {
  const userLocale = useStore((s) => s.me?.locale);
  const locale = preferredLocale(userLocale);
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
