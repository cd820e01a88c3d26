import type { interactiveEn } from './interactive.en';

/** Deutsche Texte für Nachrichtenanhänge, Nachrichtenaktionen und interaktive Dialoge (in de.ts eingefügt). */
export const interactiveDe: Record<keyof typeof interactiveEn, string> = {
  'interactive.menu.noResults': 'Keine Treffer',
  'interactive.dialog.submit': 'Absenden',
  'interactive.dialog.required': 'Dieses Feld ist erforderlich.',
  'interactive.dialog.minLength': 'Gib mindestens {min} Zeichen ein.',
  'interactive.dialog.maxLength': 'Gib höchstens {max} Zeichen ein.',
  'interactive.dialog.email': 'Gib eine gültige E-Mail-Adresse ein.',
  'interactive.dialog.number': 'Gib eine Zahl ein.',
  'interactive.dialog.url': 'Gib eine Webadresse ein, die mit http:// oder https:// beginnt.',
  'interactive.dialog.tel': 'Gib eine gültige Telefonnummer ein.',
};
