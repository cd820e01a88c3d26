import { useCallback, useMemo, useState } from 'react';
import { getState, useStore, type RhsView } from '../../store/store';
import { channelTitle } from '../../store/selectors';
import { useT } from '../../i18n/useT';
import { Icon } from '../../ui/icons';
import { startOfDay } from '../posts/rows';
import { useFormatDay } from '../posts/time';
import { SearchResultItem } from './SearchResultItem';
import { FileResults } from './FileResults';
import { searchPosts } from './searchApi';
import { highlightWordsFromTerms, mentionSearchTerms } from './terms';
import { PagedResults } from './PagedResults';
import { usePaged } from './usePaged';

export type SearchView = Extract<RhsView, { kind: 'search' } | { kind: 'mentions' }>;

interface ResultRef {
  id: string;
  channelId: string;
  day: number;
  words: string[];
}

interface Group {
  key: string;
  channelId: string;
  day: number;
  results: ResultRef[];
}

/** Consecutive results in the same channel on the same day share one header (the server sends newest first). */
export function groupResults(results: readonly ResultRef[]): Group[] {
  const groups: Group[] = [];
  for (const r of results) {
    const last = groups[groups.length - 1];
    if (last && last.channelId === r.channelId && last.day === r.day) last.results.push(r);
    else groups.push({ key: `${r.channelId}-${r.day}-${r.id}`, channelId: r.channelId, day: r.day, results: [r] });
  }
  return groups;
}

function GroupHeader({ channelId, day }: { channelId: string; day: number }) {
  const formatDay = useFormatDay();
  const channel = useStore((s) => s.channels[channelId]);
  const title = useStore((s) => channelTitle(s, s.channels[channelId]));
  const icon = channel?.type === 'P' ? 'lock' : channel?.type === 'D' || channel?.type === 'G' ? 'message' : 'hash';
  return (
    <h3 className="search-group-head">
      <span className="search-group-channel">
        <Icon name={icon} size={14} /> {title || '…'}
      </span>
      <span className="search-group-day">{formatDay(day)}</span>
    </h3>
  );
}

function MessageResults({ terms, isOrSearch, runKey, mentions }: { terms: string; isOrSearch: boolean; runKey: string; mentions: boolean }) {
  const t = useT();
  const teamId = useStore((s) => s.currentTeamId);
  const fallbackWords = useMemo(() => highlightWordsFromTerms(terms), [terms]);
  const load = useCallback(
    async (page: number) => {
      const result = await searchPosts(teamId, terms, isOrSearch, page);
      const posts = getState().posts.posts;
      const items = result.order.map((id) => {
        const post = posts[id];
        const words = result.matches[id]?.length ? result.matches[id] : fallbackWords;
        return { id, channelId: post?.channel_id ?? '', day: startOfDay(post?.create_at ?? 0), words };
      });
      return { items, hasNext: result.hasNext };
    },
    [teamId, terms, isOrSearch, fallbackWords],
  );
  const paged = usePaged<ResultRef>(`${runKey}|${teamId}`, load, Boolean(terms));
  const groups = useMemo(() => groupResults(paged.items ?? []), [paged.items]);
  const empty = (
    <>
      <Icon name={mentions ? 'at' : 'search'} size={32} />
      <p>{mentions ? t('rhs.noMentions') : t('search.noResults', { terms })}</p>
      {!mentions && <p className="search-tip">{t('search.noResultsTip')}</p>}
    </>
  );
  return (
    <PagedResults paged={paged} failed={t('search.failed')} empty={empty} className="search-list">
      {() => (
        <div role="list" aria-label={t('search.messages')}>
          {groups.map((g) => (
            <section key={g.key} className="search-group" role="listitem">
              <GroupHeader channelId={g.channelId} day={g.day} />
              {g.results.map((r) => (
                <SearchResultItem key={r.id} postId={r.id} words={r.words} />
              ))}
            </section>
          ))}
        </div>
      )}
    </PagedResults>
  );
}

let runs = 0;

/** The search panel: message results (and files for a search), or my recent mentions. */
export function SearchResults({ view }: { view: SearchView }) {
  const t = useT();
  const me = useStore((s) => s.me);
  const [tab, setTabState] = useState<'messages' | 'files'>('messages');
  const [filesShown, setFilesShown] = useState(false);
  const setTab = (next: 'messages' | 'files'): void => {
    setTabState(next);
    if (next === 'files') setFilesShown(true);
  };
  const mentions = view.kind === 'mentions';
  const terms = view.kind === 'search' ? view.terms : me ? mentionSearchTerms(me) : '';
  // Every new view object is a new search, even with the same words (pressing Enter again refreshes).
  // eslint-disable-next-line react-hooks/exhaustive-deps
  const runKey = useMemo(() => `${++runs}:${terms}`, [view, terms]);
  if (mentions) return <MessageResults terms={terms} isOrSearch runKey={runKey} mentions />;
  return (
    <div className="search-panel">
      <div className="search-tabs" role="tablist" aria-label={t('search.results')}>
        {(['messages', 'files'] as const).map((name) => (
          <button
            key={name}
            type="button"
            role="tab"
            id={`search-tab-${name}`}
            aria-selected={tab === name}
            aria-controls={`search-panel-${name}`}
            className={`search-tab ${tab === name ? 'active' : ''}`}
            onClick={() => setTab(name)}
            onKeyDown={(e) => {
              if (e.key === 'ArrowRight' || e.key === 'ArrowLeft') {
                const next = name === 'messages' ? 'files' : 'messages';
                setTab(next);
                document.getElementById(`search-tab-${next}`)?.focus();
              }
            }}
            tabIndex={tab === name ? 0 : -1}
          >
            {name === 'messages' ? t('search.messages') : t('search.files')}
          </button>
        ))}
      </div>
      {/* Both tabs stay mounted once shown, so switching back does not search again. */}
      <div className="search-tab-panel" role="tabpanel" id="search-panel-messages" aria-labelledby="search-tab-messages" hidden={tab !== 'messages'}>
        <MessageResults terms={terms} isOrSearch={false} runKey={runKey} mentions={false} />
      </div>
      {filesShown && (
        <div className="search-tab-panel" role="tabpanel" id="search-panel-files" aria-labelledby="search-tab-files" hidden={tab !== 'files'}>
          <FileResults terms={terms} runKey={runKey} />
        </div>
      )}
    </div>
  );
}
