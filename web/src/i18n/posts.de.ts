import type { postsEn } from './posts.en';

/** Deutsch for the new-messages button, the post menu's extra items and reminders (spread into de.ts). */
export const postsDe: Record<keyof typeof postsEn, string> = {
  'posts.newCount': '{count, plural, one {# neue Nachricht} other {# neue Nachrichten}}',
  'posts.jumpToNew': 'Zu {count, plural, one {# neuen Nachricht} other {# neuen Nachrichten}} springen',
  'actions.copyText': 'Text kopieren',
  'actions.textCopied': 'Text kopiert',
  'actions.remind': 'Erinnern',
  'remind.minutes30': 'In 30 Minuten',
  'remind.hour1': 'In 1 Stunde',
  'remind.hours2': 'In 2 Stunden',
  'remind.tomorrow': 'Morgen um 9:00',
  'remind.dialogTitle': 'Erinnerung festlegen',
  'remind.date': 'Datum',
  'remind.time': 'Uhrzeit',
  'remind.set': 'Erinnerung festlegen',
  'remind.cancel': 'Abbrechen',
  'remind.past': 'Wähle einen Zeitpunkt in der Zukunft.',
  'remind.postText': 'Erinnerung an eine Nachricht von @{username}, fällig {time}.',
  'remind.viewMessage': 'Nachricht ansehen',
};
