import type { mediaEn } from './media.en';

/** Deutsch for profile pictures, custom emoji and link previews (spread into de.ts). */
export const mediaDe: Record<keyof typeof mediaEn, string> = {
  'picture.title': 'Profilbild',
  'picture.upload': 'Bild hochladen',
  'picture.remove': 'Bild entfernen',
  'picture.preview': 'Vorschau des neuen Bildes',
  'picture.hint': 'JPEG, PNG oder GIF, höchstens {size}.',
  'picture.tooLarge': 'Das Bild ist größer als {size}.',
  'picture.notImage': 'Bitte eine Bilddatei wählen.',
  'picture.saved': 'Bild gespeichert',
  'picture.removed': 'Bild entfernt',

  'emoji.custom': 'Eigene',
  'emoji.addCustom': 'Eigenes Emoji hinzufügen',
  'customEmoji.title': 'Eigene Emoji',
  'customEmoji.name': 'Name',
  'customEmoji.nameHint': 'Kleinbuchstaben, Ziffern, -, + und _; höchstens 64 Zeichen.',
  'customEmoji.nameInvalid': 'Nur Kleinbuchstaben, Ziffern, -, + und _ verwenden.',
  'customEmoji.nameTaken': 'Es gibt schon ein Emoji namens :{name}:.',
  'customEmoji.image': 'Bild',
  'customEmoji.imageHint': 'PNG, JPEG oder GIF, höchstens {size}; angezeigt mit höchstens 128 × 128.',
  'customEmoji.tooLarge': 'Das Bild ist größer als {size}.',
  'customEmoji.add': 'Emoji speichern',
  'customEmoji.added': ':{name}: hinzugefügt',
  'customEmoji.list': 'Alle eigenen Emoji',
  'customEmoji.empty': 'Noch keine eigenen Emoji.',
  'customEmoji.by': 'von {name}',
  'customEmoji.delete': ':{name}: löschen',
  'customEmoji.disabled': 'Eigene Emoji sind auf diesem Server ausgeschaltet.',

  'preview.remove': 'Linkvorschau entfernen',
  'preview.image': 'Bild von {host}',
  'preview.setting': 'Vorschau für Website-Links',
  'preview.settingOn': 'An',
  'preview.settingOff': 'Aus',
};
