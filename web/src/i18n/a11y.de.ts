import type { a11yEn } from './a11y.en';

/** Deutsche Texte für die Tastaturbedienung. */
export const a11yDe: Record<keyof typeof a11yEn, string> = {
  'a11y.skipToComposer': 'Zum Nachrichtenfeld springen',
};
