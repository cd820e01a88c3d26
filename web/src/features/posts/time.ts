import { useIntl, type IntlShape } from 'react-intl';
import { useStore } from '../../store/store';
import { displaySetting } from '../../store/selectors';
import { useT } from '../../i18n/useT';
import { startOfDay } from './rows';

/** The user's explicit clock choice (display_settings/use_military_time); undefined when never chosen. */
export function useClockPreference(): boolean | undefined {
  const value = useStore((s) => displaySetting(s, 'use_military_time', ''));
  return value === '' ? undefined : value === 'true';
}

/** Time-of-day options: the locale's own clock (de 09:10, en 9:10 AM) unless the user chose one. */
export function clockOptions(h24: boolean | undefined): Intl.DateTimeFormatOptions {
  if (h24 === undefined) return {};
  // hourCycle rather than hour12: hour12: false gives "24:05" after midnight in some engines.
  return { hourCycle: h24 ? 'h23' : 'h12' };
}

export function localeUses24h(locale: string): boolean {
  const cycle = new Intl.DateTimeFormat(locale, { timeStyle: 'short' }).resolvedOptions().hourCycle;
  return cycle === 'h23' || cycle === 'h24';
}

/** Whether times show on a 24-hour clock: the user's choice, else the app locale's habit. */
export function useClock24(): boolean {
  const intl = useIntl();
  return useClockPreference() ?? localeUses24h(intl.locale);
}

export function formatTimeOfDay(intl: IntlShape, ms: number, h24: boolean | undefined): string {
  return intl.formatTime(ms, { timeStyle: 'short', ...clockOptions(h24) });
}

export function useFormatTime(): (ms: number) => string {
  const intl = useIntl();
  const h24 = useClockPreference();
  return (ms) => formatTimeOfDay(intl, ms, h24);
}

export function useFormatDay(): (day: number) => string {
  const intl = useIntl();
  const t = useT();
  return (day) => {
    const today = startOfDay(Date.now());
    if (day === today) return t('time.today');
    if (day === startOfDay(today - 12 * 3600 * 1000)) return t('time.yesterday');
    const sameYear = new Date(day).getFullYear() === new Date().getFullYear();
    return intl.formatDate(day, { weekday: 'short', month: 'long', day: 'numeric', year: sameYear ? undefined : 'numeric' });
  };
}

export function useFormatFull(): (ms: number) => string {
  const intl = useIntl();
  const options = clockOptions(useClockPreference());
  return (ms) => intl.formatDate(ms, { dateStyle: 'full', timeStyle: 'short', ...options });
}
