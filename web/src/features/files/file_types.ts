import type { FileInfo } from '@mattermost/types/files';

/** How the client shows a file: decides the card's icon and what the viewer renders. */
export type FileKind = 'image' | 'pdf' | 'text' | 'audio' | 'video' | 'archive' | 'document' | 'spreadsheet' | 'presentation' | 'other';

/** Formats a browser can show in an <img> (the server makes previews of these). */
const IMAGE_EXTENSIONS = new Set(['png', 'jpg', 'jpeg', 'gif', 'webp', 'bmp', 'svg', 'avif', 'tif', 'tiff', 'heic']);
/** Source and plain-text formats worth showing as text; their mime types are often generic (application/octet-stream). */
const TEXT_EXTENSIONS = new Set([
  'txt', 'md', 'markdown', 'csv', 'tsv', 'log', 'json', 'yaml', 'yml', 'toml', 'ini', 'cfg', 'conf', 'xml', 'html', 'htm', 'css',
  'scss', 'js', 'jsx', 'mjs', 'cjs', 'ts', 'tsx', 'py', 'rb', 'go', 'rs', 'java', 'kt', 'swift', 'c', 'h', 'cc', 'cpp', 'hpp', 'cs',
  'php', 'pl', 'sh', 'bash', 'zsh', 'sql', 'r', 'lua', 'dart', 'scala', 'ex', 'exs', 'erl', 'hs', 'vue', 'svelte', 'diff', 'patch',
  'dockerfile', 'makefile', 'gradle', 'properties', 'env', 'gitignore',
]);
const ARCHIVE_EXTENSIONS = new Set(['zip', 'tar', 'gz', 'tgz', 'bz2', 'xz', '7z', 'rar', 'zst']);
const DOCUMENT_EXTENSIONS = new Set(['doc', 'docx', 'odt', 'rtf', 'pages']);
const SPREADSHEET_EXTENSIONS = new Set(['xls', 'xlsx', 'ods', 'numbers']);
const PRESENTATION_EXTENSIONS = new Set(['ppt', 'pptx', 'odp', 'key']);
const AUDIO_EXTENSIONS = new Set(['mp3', 'wav', 'ogg', 'oga', 'flac', 'm4a', 'aac', 'opus']);
const VIDEO_EXTENSIONS = new Set(['mp4', 'webm', 'mov', 'mkv', 'avi', 'm4v', 'ogv']);

type KindFacts = Pick<FileInfo, 'name' | 'extension' | 'mime_type'>;

/** The extension without dot, lower case: the server's `extension` field, else taken from the name. */
export function extensionOf(file: Pick<FileInfo, 'name' | 'extension'>): string {
  if (file.extension) return file.extension.replace(/^\./, '').toLowerCase();
  const dot = file.name.lastIndexOf('.');
  return dot > 0 ? file.name.slice(dot + 1).toLowerCase() : '';
}

export function fileKind(file: KindFacts): FileKind {
  const ext = extensionOf(file);
  const mime = (file.mime_type || '').toLowerCase();
  if (mime.startsWith('image/') || IMAGE_EXTENSIONS.has(ext)) return 'image';
  if (mime === 'application/pdf' || ext === 'pdf') return 'pdf';
  if (mime.startsWith('audio/') || AUDIO_EXTENSIONS.has(ext)) return 'audio';
  if (mime.startsWith('video/') || VIDEO_EXTENSIONS.has(ext)) return 'video';
  if (ARCHIVE_EXTENSIONS.has(ext)) return 'archive';
  if (DOCUMENT_EXTENSIONS.has(ext)) return 'document';
  if (SPREADSHEET_EXTENSIONS.has(ext)) return 'spreadsheet';
  if (PRESENTATION_EXTENSIONS.has(ext)) return 'presentation';
  if (mime.startsWith('text/') || TEXT_EXTENSIONS.has(ext) || /^application\/(json|xml|javascript|x-sh|sql|x-yaml|yaml|toml)/.test(mime)) return 'text';
  return 'other';
}

/** Sizes as people read them: binary multiples, one decimal below 10 ("1.5 MB", "230 KB", "12 B"). */
export function formatFileSize(bytes: number): string {
  if (!Number.isFinite(bytes) || bytes < 0) return '';
  if (bytes < 1024) return `${bytes} B`;
  const units = ['KB', 'MB', 'GB', 'TB'];
  let value = bytes / 1024;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${value < 10 ? Math.round(value * 10) / 10 : Math.round(value)} ${units[unit]}`;
}

/**
 * The box an image is drawn in, from its real size, fitted inside maxWidth x maxHeight without upscaling.
 * Known before the image loads, so the post list does not jump when it arrives.
 */
export function fitImage(width: number, height: number, maxWidth: number, maxHeight: number): { width: number; height: number } {
  if (!(width > 0) || !(height > 0)) return { width: Math.min(maxWidth, maxHeight), height: Math.min(maxWidth, maxHeight) };
  const scale = Math.min(1, maxWidth / width, maxHeight / height);
  return { width: Math.max(1, Math.round(width * scale)), height: Math.max(1, Math.round(height * scale)) };
}

export const fileUrl = (id: string): string => `/api/v4/files/${encodeURIComponent(id)}`;
export const downloadUrl = (id: string): string => `${fileUrl(id)}?download=1`;
export const thumbnailUrl = (id: string): string => `${fileUrl(id)}/thumbnail`;
export const previewUrl = (id: string): string => `${fileUrl(id)}/preview`;

/** Images the browser draws itself; other image types (TIFF, HEIC) show only through the server's preview. */
const BROWSER_IMAGES = new Set(['png', 'jpg', 'jpeg', 'gif', 'webp', 'bmp', 'svg', 'avif']);

/** Whether a file is shown as a picture (thumbnail in the post, image in the viewer) rather than a card. */
export function isInlineImage(file: KindFacts & Pick<FileInfo, 'has_preview_image'>): boolean {
  return fileKind(file) === 'image' && (file.has_preview_image || BROWSER_IMAGES.has(extensionOf(file)));
}

/** The best image for showing a file inline: its preview when the server made one, else the original (SVG, tiny images). */
export function displayImageUrl(file: Pick<FileInfo, 'id' | 'has_preview_image'>): string {
  return file.has_preview_image ? previewUrl(file.id) : fileUrl(file.id);
}

export interface FileCheck {
  accepted: File[];
  tooLarge: File[];
  /** files beyond the per-post limit */
  overLimit: File[];
}

/**
 * Splits picked files into those worth uploading and those refused before any bytes are sent:
 * over MaxFileSize, or beyond the per-post limit counting the files already attached.
 */
export function checkFiles(files: File[], alreadyAttached: number, maxFileSize: number, maxFiles: number): FileCheck {
  const result: FileCheck = { accepted: [], tooLarge: [], overLimit: [] };
  for (const file of files) {
    if (maxFileSize > 0 && file.size > maxFileSize) result.tooLarge.push(file);
    else if (alreadyAttached + result.accepted.length >= maxFiles) result.overLimit.push(file);
    else result.accepted.push(file);
  }
  return result;
}

/** A name for a pasted image, which arrives as "image.png" from every screenshot: unique per paste, sortable. */
export function pastedFileName(type: string, now: Date): string {
  const ext = type.split('/')[1]?.replace('jpeg', 'jpg').replace(/[^a-z0-9]/gi, '') || 'bin';
  const pad = (n: number): string => String(n).padStart(2, '0');
  const stamp = `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())} ${pad(now.getHours())}-${pad(now.getMinutes())}-${pad(now.getSeconds())}`;
  return `Pasted image ${stamp}.${ext}`;
}
