import type { everydayEn } from './everyday.en';

/** Deutsch für archivierte Kanäle, das Verlassen privater Kanäle und die Registrierung (spread into de.ts). */
export const everydayDe: Record<keyof typeof everydayEn, string> = {
  'channel.unarchive': 'Archivierung aufheben',
  'leavePrivate.title': 'Privaten Kanal verlassen',
  'leavePrivate.body': 'Den privaten Kanal {channel} verlassen? Sie können ihm nur wieder beitreten, wenn Sie eingeladen werden.',
  'leavePrivate.leave': 'Verlassen',
  'browse.filter': 'Kanaltyp',
  'browse.all': 'Alle Kanaltypen',
  'browse.public': 'Öffentliche Kanäle',
  'browse.private': 'Private Kanäle',
  'browse.archived': 'Archivierte Kanäle',
  'browse.archivedTag': 'Archiviert',
  'browse.results': 'Kanäle',
  'signup.subtitle': 'Erstellen Sie ein Konto, um mit Ihrem Team zu schreiben.',
  'signup.usernameInvalid': 'Dieser Benutzername ist nicht möglich: Er muss mit einem Buchstaben beginnen und darf höchstens 64 Kleinbuchstaben, Ziffern, Punkte (.), Bindestriche (-) oder Unterstriche (_) enthalten.',
  'signup.usernameReserved': '„{name}“ ist reserviert. Bitte wählen Sie einen anderen Benutzernamen.',
  'signup.inviteInvalid': 'Dieser Einladungslink ist nicht mehr gültig. Bitten Sie die Person, die ihn geschickt hat, um einen neuen.',
} as const;
