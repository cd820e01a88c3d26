import type { emailLinksEn } from './email_links.en';

/** Deutsch for email verification and team invitations by email (spread into de.ts). */
export const emailLinksDe: Record<keyof typeof emailLinksEn, string> = {
  'verify.checkTitle': 'Bitte E-Mails prüfen',
  'verify.checkSubtitle': 'Ihre E-Mail-Adresse muss bestätigt werden, bevor Sie sich anmelden können.',
  'verify.checkBody': 'Wir haben einen Bestätigungslink an {email} gesendet. Öffnen Sie ihn, um die Einrichtung Ihres Kontos abzuschließen.',
  'verify.checkNoAddress': 'Geben Sie Ihre E-Mail-Adresse ein, um einen Bestätigungslink zu erhalten.',
  'verify.resend': 'E-Mail erneut senden',
  'verify.resending': 'Wird gesendet…',
  'verify.resent': 'Falls {email} zu einem noch nicht bestätigten Konto gehört, ist ein neuer Link unterwegs.',
  'verify.doingTitle': 'E-Mail-Adresse wird bestätigt',
  'verify.doing': 'Einen Moment…',
  'verify.doneTitle': 'E-Mail-Adresse bestätigt',
  'verify.done': 'Ihre E-Mail-Adresse {email} ist bestätigt. Sie können sich jetzt anmelden.',
  'verify.failedTitle': 'E-Mail-Adresse nicht bestätigt',
  'verify.failed': 'Dieser Bestätigungslink ist ungültig, abgelaufen oder wurde bereits verwendet.',
  'signup.invitedTo': 'Sie wurden eingeladen, {team} beizutreten',
  'signup.invitedSubtitle': 'Erstellen Sie Ihr Konto, um dem Team beizutreten.',
  'invite.byEmail': 'Personen per E-Mail einladen',
  'invite.title': 'Personen zu {team} einladen',
  'invite.addresses': 'E-Mail-Adressen',
  'invite.addressesHint': 'Adressen durch Kommas oder Leerzeichen trennen (höchstens 20 auf einmal).',
  'invite.send': 'Einladungen senden',
  'invite.sending': 'Wird gesendet…',
  'invite.none': 'Geben Sie mindestens eine E-Mail-Adresse ein.',
  'invite.sent': 'Einladung gesendet',
  'invite.results': 'Ergebnisse',
};
