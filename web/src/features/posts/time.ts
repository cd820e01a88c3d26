import { useIntl } from 'react-intl';
import { useStore } from '../../store/store';
import { displaySetting } from '../../store/selectors';
import { useT } from '../../i18n/useT';
import { startOfDay } from './rows';

export function useClock24(): boolean {
  return useStore((s) => displaySetting(s, 'use_military_time', 'false') === 'true');
}

export function useFormatTime(): (ms: number) => string {
  const intl = useIntl();
  const h24 = useClock24();
  return (ms) => intl.formatTime(ms, { hour: 'numeric', minute: '2-digit', hour12: !h24 });
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
  const h24 = useClock24();
  return (ms) => intl.formatDate(ms, { dateStyle: 'full', timeStyle: 'short', hour12: !h24 });
}
