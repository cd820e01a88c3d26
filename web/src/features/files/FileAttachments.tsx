import { lazy, Suspense, useEffect, useState } from 'react';
import type { FileInfo } from '@mattermost/types/files';
import type { Post } from '@mattermost/types/posts';
import { client } from '../../api/client';
import { useT } from '../../i18n/useT';
import { FileIcon, Glyph } from './FileIcon';
import { displayImageUrl, downloadUrl, extensionOf, fileKind, fitImage, formatFileSize, isInlineImage } from './file_types';
import '../../styles/files.css';

const FileViewer = lazy(() => import('./FileViewer').then((m) => ({ default: m.FileViewer })));

/** One image alone is shown large; several share a row of smaller tiles. */
const SINGLE_BOX = { width: 400, height: 300 };
const TILE_BOX = { width: 180, height: 140 };

const NO_FILES: FileInfo[] = [];

/**
 * The post's files: from its metadata, or, for a post that names file ids without metadata (an event from a
 * server that left it out), read once from /posts/{id}/files/info.
 */
function usePostFiles(post: Post): FileInfo[] {
  const fromMetadata = post.metadata?.files ?? NO_FILES;
  const ids = post.file_ids ?? [];
  const missing = fromMetadata.length === 0 && ids.length > 0 && post.id !== post.pending_post_id;
  const [fetched, setFetched] = useState<FileInfo[]>(NO_FILES);
  useEffect(() => {
    if (!missing) return;
    let live = true;
    client.getFileInfosForPost(post.id).then((infos) => live && setFetched(infos), () => undefined);
    return () => {
      live = false;
    };
  }, [missing, post.id, post.update_at]);
  return missing ? fetched : fromMetadata;
}

export function FileAttachments({ post }: { post: Post }) {
  const t = useT();
  const files = usePostFiles(post);
  const [open, setOpen] = useState(-1);
  if (files.length === 0) return null;
  const images = files.filter((f) => isInlineImage(f));
  const box = images.length === 1 ? SINGLE_BOX : TILE_BOX;
  return (
    <div className="file-attachments" aria-label={t('files.attachments')} role="group">
      {images.length > 0 && (
        <div className={images.length === 1 ? 'file-images single' : 'file-images'}>
          {images.map((file) => {
            const size = fitImage(file.width, file.height, box.width, box.height);
            return (
              <button
                key={file.id}
                type="button"
                className="file-image"
                aria-label={t('files.open', { name: file.name })}
                title={file.name}
                onClick={() => setOpen(files.indexOf(file))}
              >
                <img src={displayImageUrl(file)} alt={file.name} width={size.width} height={size.height} loading="lazy" decoding="async" />
              </button>
            );
          })}
        </div>
      )}
      {files.length > images.length && (
        <ul className="file-cards">
          {files.filter((f) => !images.includes(f)).map((file) => (
            <li key={file.id} className="file-card">
              <button type="button" className="file-card-open" aria-label={t('files.open', { name: file.name })} onClick={() => setOpen(files.indexOf(file))}>
                <FileIcon kind={fileKind(file)} />
                <span className="file-card-text">
                  <span className="file-card-name">{file.name}</span>
                  <span className="file-card-meta">
                    {extensionOf(file).toUpperCase() || '—'} · {formatFileSize(file.size)}
                  </span>
                </span>
              </button>
              <a className="icon-button file-card-download" href={downloadUrl(file.id)} download={file.name} aria-label={t('files.download', { name: file.name })} title={t('files.download', { name: file.name })}>
                <Glyph name="download" />
              </a>
            </li>
          ))}
        </ul>
      )}
      {open >= 0 && (
        <Suspense fallback={null}>
          <FileViewer files={files} start={open} onClose={() => setOpen(-1)} />
        </Suspense>
      )}
    </div>
  );
}
