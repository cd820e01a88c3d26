import { lazy, Suspense } from 'react';
import { setState, type RhsView } from '../../store/store';
import { useT } from '../../i18n/useT';
import { Icon } from '../../ui/icons';
import { ThreadPanel } from '../threads/ThreadPanel';

const PostListPanel = lazy(() => import('./PostListPanel').then((m) => ({ default: m.PostListPanel })));
const MembersPanel = lazy(() => import('./MembersPanel').then((m) => ({ default: m.MembersPanel })));
const SearchResults = lazy(() => import('../search/SearchResults').then((m) => ({ default: m.SearchResults })));

/** The right-hand side: a thread, or a list (pinned, saved, mentions, search results, members). */
export function Rhs({ view }: { view: RhsView }) {
  const t = useT();
  const title =
    view.kind === 'thread' ? t('threads.thread') : view.kind === 'pinned' ? t('rhs.pinned') : view.kind === 'saved' ? t('rhs.saved') : view.kind === 'mentions' ? t('rhs.mentions') : view.kind === 'search' ? t('search.title') : t('rhs.members');
  return (
    <aside className="rhs" aria-label={title}>
      <header className="rhs-header">
        <h2>{title}</h2>
        <button type="button" className="icon-button" aria-label={t('rhs.close')} title={t('rhs.close')} onClick={() => setState({ rhs: null })}>
          <Icon name="close" />
        </button>
      </header>
      <Suspense fallback={<div className="center-loading"><div className="spinner" /></div>}>
        {view.kind === 'thread' && <ThreadPanel key={view.rootId} rootId={view.rootId} />}
        {(view.kind === 'pinned' || view.kind === 'saved') && <PostListPanel key={JSON.stringify(view)} view={view} />}
        {(view.kind === 'mentions' || view.kind === 'search') && <SearchResults key={view.kind} view={view} />}
        {view.kind === 'members' && <MembersPanel key={view.channelId} channelId={view.channelId} />}
      </Suspense>
    </aside>
  );
}
