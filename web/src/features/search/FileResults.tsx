import { useCallback } from 'react';
import { useIntl } from 'react-intl';
import type { FileSearchResultItem } from '@mattermost/types/files';
import { useStore } from '../../store/store';
import { channelTitle } from '../../store/selectors';
import { useT } from '../../i18n/useT';
import { Icon } from '../../ui/icons';
import { FileIcon, Glyph } from '../files/FileIcon';
import { downloadUrl, fileKind, formatFileSize } from '../files/file_types';
import { PagedResults } from './PagedResults';
import { jumpToPost } from './SearchResultItem';
import { searchFiles } from './searchApi';
import { usePaged } from './usePaged';

function FileRow({ file }: { file: FileSearchResultItem }) {
  const t = useT();
  const intl = useIntl();
  const channel = useStore((s) => channelTitle(s, s.channels[file.channel_id]));
  return (
    <li className="file-result">
      <FileIcon kind={fileKind(file)} size={32} />
      <div className="file-result-body">
        <span className="file-result-name" title={file.name}>{file.name}</span>
        <span className="file-result-meta">
          {formatFileSize(file.size)} · {channel || '…'} · {intl.formatDate(file.create_at, { dateStyle: 'medium' })}
        </span>
      </div>
      {file.post_id && (
        <button type="button" className="link-button" onClick={() => jumpToPost(file.post_id ?? '')}>
          {t('rhs.jump')}
        </button>
      )}
      <a className="icon-button" href={downloadUrl(file.id)} download={file.name} aria-label={t('search.download', { name: file.name })} title={t('search.download', { name: file.name })}>
        <Glyph name="download" size={16} />
      </a>
    </li>
  );
}

/** The Files tab: files whose name (or extracted text) matches. */
export function FileResults({ terms, runKey }: { terms: string; runKey: string }) {
  const t = useT();
  const teamId = useStore((s) => s.currentTeamId);
  const load = useCallback(async (page: number) => {
    const result = await searchFiles(teamId, terms, page);
    return { items: result.files, hasNext: result.hasNext };
  }, [teamId, terms]);
  const paged = usePaged<FileSearchResultItem>(`${runKey}|${teamId}`, load, Boolean(terms));
  return (
    <PagedResults
      paged={paged}
      failed={t('search.filesFailed')}
      empty={<><Icon name="search" size={32} /><p>{t('search.noFiles', { terms })}</p></>}
    >
      {(files) => (
        <ul className="file-results" aria-label={t('search.files')}>
          {files.map((f) => <FileRow key={f.id} file={f} />)}
        </ul>
      )}
    </PagedResults>
  );
}
