import type { emojiEn } from './emoji.en';

/** Die Emoji-Auswahl: Kategorien, Hauttöne, zuletzt verwendet (in de.ts eingefügt). */
export const emojiDe: Record<keyof typeof emojiEn, string> = {
  'emoji.categories': 'Emoji-Kategorien',
  'emoji.loading': 'Emoji werden geladen…',
  'emoji.category.recent': 'Zuletzt verwendet',
  'emoji.category.smileys': 'Smileys & Emotionen',
  'emoji.category.people': 'Menschen & Körper',
  'emoji.category.animals': 'Tiere & Natur',
  'emoji.category.food': 'Essen & Trinken',
  'emoji.category.travel': 'Reisen & Orte',
  'emoji.category.activities': 'Aktivitäten',
  'emoji.category.objects': 'Objekte',
  'emoji.category.symbols': 'Symbole',
  'emoji.category.flags': 'Flaggen',
  'emoji.skinTone': 'Hautfarbe',
  'emoji.tone.default': 'Standard-Hautfarbe',
  'emoji.tone.light': 'Helle Hautfarbe',
  'emoji.tone.mediumLight': 'Mittelhelle Hautfarbe',
  'emoji.tone.medium': 'Mittlere Hautfarbe',
  'emoji.tone.mediumDark': 'Mitteldunkle Hautfarbe',
  'emoji.tone.dark': 'Dunkle Hautfarbe',
};
