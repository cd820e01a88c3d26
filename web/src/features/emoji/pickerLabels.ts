import type { Translate } from '../../i18n/useT';
import type { SkinTone } from './skinTones';

/** The picker's section title by emoji-datasource category name (or one of our own sections). */
export function sectionLabel(t: Translate, id: string): string {
  switch (id) {
    case 'recent': return t('emoji.category.recent');
    case 'custom': return t('emoji.custom');
    case 'Smileys & Emotion': return t('emoji.category.smileys');
    case 'People & Body': return t('emoji.category.people');
    case 'Animals & Nature': return t('emoji.category.animals');
    case 'Food & Drink': return t('emoji.category.food');
    case 'Travel & Places': return t('emoji.category.travel');
    case 'Activities': return t('emoji.category.activities');
    case 'Objects': return t('emoji.category.objects');
    case 'Symbols': return t('emoji.category.symbols');
    case 'Flags': return t('emoji.category.flags');
    default: return t('emoji.results');
  }
}

/** The emoji each category's tab shows. */
export const SECTION_ICONS: Record<string, string> = {
  recent: 'clock3',
  custom: 'star',
  'Smileys & Emotion': 'grinning',
  'People & Body': 'wave',
  'Animals & Nature': 'dog',
  'Food & Drink': 'hamburger',
  'Travel & Places': 'car',
  Activities: 'soccer',
  Objects: 'bulb',
  Symbols: 'heart',
  Flags: 'checkered_flag',
};

export function toneLabel(t: Translate, tone: SkinTone): string {
  switch (tone) {
    case '1F3FB': return t('emoji.tone.light');
    case '1F3FC': return t('emoji.tone.mediumLight');
    case '1F3FD': return t('emoji.tone.medium');
    case '1F3FE': return t('emoji.tone.mediumDark');
    case '1F3FF': return t('emoji.tone.dark');
    default: return t('emoji.tone.default');
  }
}
