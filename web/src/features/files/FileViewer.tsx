import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import { createPortal } from 'react-dom';
import type { FileInfo } from '@mattermost/types/files';
import { useT } from '../../i18n/useT';
import { Icon } from '../../ui/icons';
import { FileIcon, Glyph } from './FileIcon';
import { displayImageUrl, downloadUrl, extensionOf, fileKind, fileUrl, formatFileSize, isInlineImage } from './file_types';
import { readTextHead, TEXT_PREVIEW_BYTES, type TextHead } from './text_preview';

const FOCUSABLE = 'a[href], button:not([disabled]), iframe, audio[controls], video[controls], [tabindex]:not([tabindex="-1"])';

/**
 * The preview first (already cached from the post), then the original once it has arrived: sharper, and animated
 * for GIFs. Each file gets a fresh instance (keyed by id), so no state carries over between files.
 */
function ViewerImage({ file }: { file: FileInfo }) {
  const [src, setSrc] = useState(() => displayImageUrl(file));
  useEffect(() => {
    if (!file.has_preview_image) return;
    const original = new Image();
    original.onload = () => setSrc(original.src);
    original.src = fileUrl(file.id);
    return () => {
      original.onload = null;
    };
  }, [file.id, file.has_preview_image]);
  return <img className="file-viewer-image" src={src} alt={file.name} width={file.width || undefined} height={file.height || undefined} />;
}

function ViewerText({ file }: { file: FileInfo }) {
  const t = useT();
  const [head, setHead] = useState<TextHead | 'loading' | 'failed'>('loading');
  useEffect(() => {
    const abort = new AbortController();
    setHead('loading');
    readTextHead(fileUrl(file.id), TEXT_PREVIEW_BYTES, abort.signal).then(setHead, () => !abort.signal.aborted && setHead('failed'));
    return () => abort.abort();
  }, [file.id]);
  if (head === 'loading') return <div className="file-viewer-note" role="status">{t('files.loading')}</div>;
  if (head === 'failed') return <div className="file-viewer-note" role="alert">{t('files.previewFailed')}</div>;
  return (
    <div className="file-viewer-text">
      {head.truncated && <div className="file-viewer-truncated">{t('files.truncated', { size: formatFileSize(TEXT_PREVIEW_BYTES) })}</div>}
      <pre tabIndex={0}><code>{head.text}</code></pre>
    </div>
  );
}

function DownloadCard({ file, note }: { file: FileInfo; note: string }) {
  const t = useT();
  return (
    <div className="file-viewer-card">
      <FileIcon kind={fileKind(file)} size={72} />
      <div className="file-viewer-card-name">{file.name}</div>
      <div className="file-viewer-note">{note}</div>
      <a className="button primary" href={downloadUrl(file.id)} download={file.name}>
        <Glyph name="download" /> {t('files.downloadButton')}
      </a>
    </div>
  );
}

/**
 * The browser's own PDF viewer in a frame. A server that forbids framing its files makes the frame an error page,
 * which the app cannot read: then the frame gives way to the download card (the header keeps "open in new tab").
 */
function ViewerPdf({ file }: { file: FileInfo }) {
  const t = useT();
  const [refused, setRefused] = useState(false);
  if (refused) return <DownloadCard file={file} note={t('files.previewFailed')} />;
  return <iframe className="file-viewer-pdf" src={fileUrl(file.id)} title={file.name} onLoad={(e) => !e.currentTarget.contentDocument && setRefused(true)} />;
}

function ViewerContent({ file }: { file: FileInfo }) {
  const t = useT();
  if (isInlineImage(file)) return <ViewerImage file={file} />;
  switch (fileKind(file)) {
    case 'pdf':
      return <ViewerPdf file={file} />;
    case 'text':
      return <ViewerText file={file} />;
    case 'video':
      return <video className="file-viewer-media" src={fileUrl(file.id)} controls preload="metadata" />;
    case 'audio':
      return <audio className="file-viewer-media" src={fileUrl(file.id)} controls preload="metadata" />;
    default:
      return <DownloadCard file={file} note={t('files.noPreview')} />;
  }
}

/**
 * A post's files, one at a time, over the app: arrow keys step through them, Esc closes, Tab stays inside,
 * and focus goes back to what opened it.
 */
export function FileViewer({ files, start, onClose }: { files: FileInfo[]; start: number; onClose: () => void }) {
  const t = useT();
  const [index, setIndex] = useState(start);
  const ref = useRef<HTMLDivElement>(null);
  const file = files[index] ?? files[0];
  const count = files.length;

  useEffect(() => {
    const opener = document.activeElement as HTMLElement | null;
    ref.current?.focus();
    return () => opener?.focus?.();
  }, []);

  const step = (delta: number): void => setIndex((i) => (i + delta + count) % count);

  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>): void => {
    if (e.key === 'Escape') {
      e.preventDefault();
      e.stopPropagation();
      onClose();
    } else if ((e.key === 'ArrowLeft' || e.key === 'ArrowRight') && count > 1 && !(e.target instanceof HTMLMediaElement)) {
      e.preventDefault();
      step(e.key === 'ArrowLeft' ? -1 : 1);
    } else if (e.key === 'Tab') {
      const focusable = Array.from(ref.current?.querySelectorAll<HTMLElement>(FOCUSABLE) ?? []);
      if (focusable.length === 0) return;
      const first = focusable[0];
      const last = focusable[focusable.length - 1];
      const active = document.activeElement;
      if (e.shiftKey && (active === first || active === ref.current)) {
        e.preventDefault();
        last.focus();
      } else if (!e.shiftKey && active === last) {
        e.preventDefault();
        first.focus();
      }
    }
  };

  if (!file) return null;
  const kind = fileKind(file);
  return createPortal(
    <div className="file-viewer-backdrop" onMouseDown={(e) => e.target === e.currentTarget && onClose()}>
      <div ref={ref} className="file-viewer" role="dialog" aria-modal="true" aria-label={file.name} tabIndex={-1} onKeyDown={onKeyDown}>
        <header className="file-viewer-header">
          <FileIcon kind={kind} size={28} />
          <div className="file-viewer-title">
            <h2>{file.name}</h2>
            <span className="file-viewer-meta">
              {extensionOf(file).toUpperCase() || '—'} · {formatFileSize(file.size)}
              {count > 1 && <> · {t('files.position', { index: index + 1, count })}</>}
            </span>
          </div>
          {kind === 'pdf' && (
            <a className="icon-button" href={fileUrl(file.id)} target="_blank" rel="noopener noreferrer" aria-label={t('files.openInTab')} title={t('files.openInTab')}>
              <Glyph name="external" />
            </a>
          )}
          <a className="icon-button" href={downloadUrl(file.id)} download={file.name} aria-label={t('files.download', { name: file.name })} title={t('files.download', { name: file.name })}>
            <Glyph name="download" />
          </a>
          <button type="button" className="icon-button" onClick={onClose} aria-label={t('common.close')} title={t('common.close')}>
            <Icon name="close" />
          </button>
        </header>
        <div className="file-viewer-body">
          {count > 1 && (
            <button type="button" className="file-viewer-step previous" onClick={() => step(-1)} aria-label={t('files.previous')} title={t('files.previous')}>
              <Glyph name="chevronLeft" size={28} />
            </button>
          )}
          <div className="file-viewer-content" key={file.id}>
            <ViewerContent file={file} />
          </div>
          {count > 1 && (
            <button type="button" className="file-viewer-step next" onClick={() => step(1)} aria-label={t('files.next')} title={t('files.next')}>
              <Icon name="chevronRight" size={28} />
            </button>
          )}
        </div>
      </div>
    </div>,
    document.body,
  );
}
