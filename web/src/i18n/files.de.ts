import type { filesEn } from './files.en';

/** Deutsch for file uploads, attachments and the file viewer (spread into de.ts). */
export const filesDe: Record<keyof typeof filesEn, string> = {
  'files.attach': 'Dateien anhängen',
  'files.dropHere': 'Dateien zum Hochladen hier ablegen',
  'files.pending': 'Zu sendende Dateien',
  'files.progress': '{name} wird hochgeladen',
  'files.cancelUpload': 'Hochladen von {name} abbrechen',
  'files.remove': '{name} entfernen',
  'files.tooLarge': 'Größer als die Grenze von {max}',
  'files.uploadFailed': 'Hochladen fehlgeschlagen',
  'files.tooMany': 'Eine Nachricht kann höchstens {max} Dateien enthalten.',
  'files.waitForUploads': 'Bitte warten, bis die Dateien hochgeladen sind.',
  'files.attachments': 'Angehängte Dateien',
  'files.open': '{name} öffnen',
  'files.download': '{name} herunterladen',
  'files.downloadButton': 'Herunterladen',
  'files.openInTab': 'In neuem Tab öffnen',
  'files.previous': 'Vorherige Datei',
  'files.next': 'Nächste Datei',
  'files.position': '{index} von {count}',
  'files.loading': 'Vorschau wird geladen…',
  'files.noPreview': 'Für diese Datei gibt es keine Vorschau.',
  'files.previewFailed': 'Die Vorschau konnte nicht geladen werden.',
  'files.truncated': 'Nur die ersten {size} werden angezeigt. Lade die Datei herunter, um alles zu sehen.',
};
