/** Mattermost's default FileSettings.MaxFileSize (100 MiB), for a server that does not publish its own. */
export const DEFAULT_MAX_FILE_SIZE = 100 * 1024 * 1024;

/** The upload limit the client config publishes (`MaxFileSize`, bytes). */
export function maxFileSize(config: Record<string, string>): number {
  const value = Number(config.MaxFileSize);
  return Number.isFinite(value) && value > 0 ? value : DEFAULT_MAX_FILE_SIZE;
}

/** A byte count for people: "512 KB", "1.5 MB". */
export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  const units = ['KB', 'MB', 'GB'];
  let value = bytes / 1024;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  const rounded = value >= 10 || Number.isInteger(value) ? Math.round(value).toString() : value.toFixed(1);
  return `${rounded} ${units[unit]}`;
}

export type ImageFileProblem = 'not-image' | 'too-large';

/** Checks a chosen file before it is sent, so the user learns at once what the server would refuse. */
export function checkImageFile(file: { type: string; size: number }, limit: number): ImageFileProblem | null {
  if (!file.type.startsWith('image/')) return 'not-image';
  if (file.size > limit) return 'too-large';
  return null;
}
