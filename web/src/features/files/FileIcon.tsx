import type { FileKind } from './file_types';

/** A page with a folded corner, and a mark per kind drawn on it (24px grid, currentColor, like ui/icons). */
const PAGE = 'M6 2h8l5 5v15H6zM14 2v5h5';
const MARKS: Record<FileKind, string> = {
  image: 'M8 18l3-4 2 2 2-3 2 5zM9.5 10.5h.01',
  pdf: 'M9 17v-4h1.5a1.2 1.2 0 0 1 0 2.5H9M13 13v4h1a2 2 0 0 0 0-4z',
  text: 'M9 11h7M9 14h7M9 17h4',
  audio: 'M11 17.5a1.5 1.5 0 1 1-3 0 1.5 1.5 0 0 1 3 0zM11 17.5V11l5-1v5.5',
  video: 'M9 11h5v6H9zM14 13l3-1.5v5L14 15',
  archive: 'M11 3v2M11 7v2M11 11v2M10 14h2v3h-2z',
  document: 'M9 11h7M9 14h7M9 17h7',
  spreadsheet: 'M9 11h8v7H9zM9 14.5h8M13 11v7',
  presentation: 'M8 11h9v5H8zM12.5 16v2.5',
  other: 'M10 14h5',
};

export const KIND_CLASS: Record<FileKind, string> = {
  image: 'kind-image', pdf: 'kind-pdf', text: 'kind-text', audio: 'kind-audio', video: 'kind-video', archive: 'kind-archive',
  document: 'kind-document', spreadsheet: 'kind-spreadsheet', presentation: 'kind-presentation', other: 'kind-other',
};

export function FileIcon({ kind, size = 32 }: { kind: FileKind; size?: number }) {
  return (
    <svg
      className={`file-icon ${KIND_CLASS[kind]}`}
      width={size}
      height={size}
      viewBox="0 0 24 24"
      fill="none"
      stroke="currentColor"
      strokeWidth={1.6}
      strokeLinecap="round"
      strokeLinejoin="round"
      aria-hidden="true"
    >
      <path d={PAGE} />
      <path d={MARKS[kind]} />
    </svg>
  );
}

/** Small line icons the file UI needs that the shared set lacks. */
const GLYPHS = {
  paperclip: 'M20 11.5l-8.2 8.2a5 5 0 0 1-7.1-7.1l8.5-8.5a3.3 3.3 0 0 1 4.7 4.7l-8.5 8.5a1.7 1.7 0 0 1-2.4-2.4l7.8-7.8',
  download: 'M12 4v11M7 10l5 5 5-5M5 20h14',
  chevronLeft: 'M15 6l-6 6 6 6',
  upload: 'M12 20V9M7 14l5-5 5 5M5 4h14',
  external: 'M14 4h6v6M20 4l-9 9M18 14v6H4V6h6',
} as const;

export function Glyph({ name, size = 18 }: { name: keyof typeof GLYPHS; size?: number }) {
  return (
    <svg className="icon" width={size} height={size} viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth={1.8} strokeLinecap="round" strokeLinejoin="round" aria-hidden="true">
      <path d={GLYPHS[name]} />
    </svg>
  );
}
