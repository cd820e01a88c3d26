import { useStore } from '../../store/store';
import { useT } from '../../i18n/useT';
import { Icon } from '../../ui/icons';
import { FileIcon } from './FileIcon';
import { fileKind, formatFileSize } from './file_types';
import { removeUpload, useUploads, type PendingUpload } from './uploads';
import '../../styles/files.css';

const NO_UPLOADS: PendingUpload[] = [];

/** The composer's row of files going out with the next message: progress, cancel, and why a file was refused. */
export function PendingUploads({ draftKey }: { draftKey: string }) {
  const t = useT();
  const uploads = useUploads((s) => s[draftKey] ?? NO_UPLOADS);
  const maxFileSize = useStore((s) => Number(s.config.MaxFileSize) || 0);
  if (uploads.length === 0) return null;
  return (
    <ul className="pending-uploads" aria-label={t('files.pending')}>
      {uploads.map((u) => {
        const failed = u.status === 'failed' || u.status === 'tooLarge';
        const error = u.status === 'tooLarge' ? t('files.tooLarge', { max: formatFileSize(maxFileSize) }) : u.error || t('files.uploadFailed');
        return (
          <li key={u.clientId} className={`pending-upload ${u.status}`} data-status={u.status}>
            <FileIcon kind={fileKind({ name: u.name, extension: '', mime_type: u.info?.mime_type ?? '' })} size={28} />
            <div className="pending-upload-body">
              <span className="pending-upload-name" title={u.name}>{u.name}</span>
              {u.status === 'uploading' && (
                <progress className="upload-progress" max={100} value={Math.round(u.progress * 100)} aria-label={t('files.progress', { name: u.name })} />
              )}
              {u.status === 'done' && <span className="pending-upload-size">{formatFileSize(u.size)}</span>}
              {failed && <span className="pending-upload-error" role="alert">{error}</span>}
            </div>
            <button
              type="button"
              className="icon-button pending-upload-remove"
              aria-label={u.status === 'uploading' ? t('files.cancelUpload', { name: u.name }) : t('files.remove', { name: u.name })}
              title={u.status === 'uploading' ? t('files.cancelUpload', { name: u.name }) : t('files.remove', { name: u.name })}
              onClick={() => removeUpload(draftKey, u.clientId)}
            >
              <Icon name="close" size={14} />
            </button>
          </li>
        );
      })}
    </ul>
  );
}
