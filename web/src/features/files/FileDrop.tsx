import { useEffect, useRef, useState, type RefObject } from 'react';
import { createPortal } from 'react-dom';
import { useT } from '../../i18n/useT';
import { Glyph } from './FileIcon';
import { pastedFileName } from './file_types';

/** Views a composer posts into: files dropped anywhere on them go to that composer. */
const DROP_HOSTS = '.channel-view, .thread-panel';

const carriesFiles = (e: DragEvent): boolean => Boolean(e.dataTransfer?.types.includes('Files'));

interface Box { top: number; left: number; width: number; height: number }

/**
 * Accepts files dragged onto the view around `anchor` (the channel view or thread panel holding the composer)
 * and shows a "Drop files to upload" overlay over it while they hover.
 */
export function FileDropZone({ anchor, enabled, onFiles }: { anchor: RefObject<HTMLElement | null>; enabled: boolean; onFiles: (files: File[]) => void }) {
  const t = useT();
  const [box, setBox] = useState<Box | null>(null);
  const onFilesRef = useRef(onFiles);
  onFilesRef.current = onFiles;

  useEffect(() => {
    // A file dropped where nothing takes it would make the browser open it in place of the app.
    const keepApp = (e: DragEvent): void => {
      if (!carriesFiles(e) || e.defaultPrevented) return;
      e.preventDefault();
      if (e.dataTransfer) e.dataTransfer.dropEffect = 'none';
    };
    window.addEventListener('dragover', keepApp);
    window.addEventListener('drop', keepApp);
    return () => {
      window.removeEventListener('dragover', keepApp);
      window.removeEventListener('drop', keepApp);
    };
  }, []);

  useEffect(() => {
    const host = anchor.current?.closest<HTMLElement>(DROP_HOSTS);
    if (!host || !enabled) return;
    // enter/leave fire for every child crossed; the overlay goes when the count of entered elements is back to 0
    let depth = 0;
    const hide = (): void => {
      depth = 0;
      setBox(null);
    };
    const onEnter = (e: DragEvent): void => {
      if (!carriesFiles(e)) return;
      e.preventDefault();
      depth += 1;
      if (depth === 1) {
        const r = host.getBoundingClientRect();
        setBox({ top: r.top, left: r.left, width: r.width, height: r.height });
      }
    };
    const onOver = (e: DragEvent): void => {
      if (!carriesFiles(e) || !e.dataTransfer) return;
      e.preventDefault();
      e.dataTransfer.dropEffect = 'copy';
    };
    const onLeave = (e: DragEvent): void => {
      if (!carriesFiles(e)) return;
      depth = Math.max(0, depth - 1);
      if (depth === 0) setBox(null);
    };
    const onDrop = (e: DragEvent): void => {
      if (!carriesFiles(e)) return;
      e.preventDefault();
      hide();
      const files = Array.from(e.dataTransfer?.files ?? []);
      if (files.length) onFilesRef.current(files);
    };
    host.addEventListener('dragenter', onEnter);
    host.addEventListener('dragover', onOver);
    host.addEventListener('dragleave', onLeave);
    host.addEventListener('drop', onDrop);
    return () => {
      host.removeEventListener('dragenter', onEnter);
      host.removeEventListener('dragover', onOver);
      host.removeEventListener('dragleave', onLeave);
      host.removeEventListener('drop', onDrop);
      hide();
    };
  }, [anchor, enabled]);

  if (!box) return null;
  return createPortal(
    <div className="file-drop-overlay" style={box}>
      <div className="file-drop-message" role="status">
        <Glyph name="upload" size={40} />
        <span>{t('files.dropHere')}</span>
      </div>
    </div>,
    document.body,
  );
}

/**
 * Files pasted into the composer (screenshots, copied files); text on the clipboard wins, so pasting a table stays
 * text. Screenshots all arrive as "image.png", so they get a name with the time of the paste.
 */
export function pastedFiles(data: DataTransfer | null): File[] {
  if (!data || data.types.includes('text/plain')) return [];
  const now = new Date();
  return Array.from(data.files).map((f) => (/^image\.\w+$/.test(f.name) ? new File([f], pastedFileName(f.type, now), { type: f.type }) : f));
}
