import type { oauthEn } from './oauth.en';

/** German strings of the OAuth consent page (spread into de.ts). */
export const oauthDe: Record<keyof typeof oauthEn, string> = {
  'oauth.title': 'App autorisieren',
  'oauth.loading': 'Die App wird geladen…',
  'oauth.subtitle': '{name} möchte auf dein Konto zugreifen.',
  'oauth.homepage': 'Website:',
  'oauth.explanation': 'Wenn du zustimmst, kann {name} deine Daten lesen und ändern und in deinem Namen handeln, wie du selbst, bis du den Zugriff entziehst.',
  'oauth.allow': 'Erlauben',
  'oauth.deny': 'Ablehnen',
  'oauth.badRedirect': 'Diese Anfrage kann nicht autorisiert werden: Die App hat die Adresse, zu der sie zurückkehren will, nicht registriert.',
};
