import { useEffect, useState } from 'react';
import { client, errorMessage } from '../../api/client';
import { getState, useStore, type RhsView } from '../../store/store';
import { channelTitle } from '../../store/selectors';
import { fetchPostList } from '../../store/actions/posts';
import { navigate } from '../../router/navigate';
import { useT } from '../../i18n/useT';
import { PostItem } from '../posts/PostItem';
import { Icon } from '../../ui/icons';

function load(view: RhsView): Promise<string[]> {
  const s = getState();
  const me = s.me;
  if (!me) return Promise.resolve([]);
  if (view.kind === 'pinned') return fetchPostList(() => client.getPinnedPosts(view.channelId));
  if (view.kind === 'saved') return fetchPostList(() => client.getFlaggedPosts(me.id, '', '', 0, 100));
  // Recent mentions and search results have their own panel (features/search).
  return Promise.resolve([]);
}

function ChannelLabel({ postId }: { postId: string }) {
  const label = useStore((s) => channelTitle(s, s.channels[s.posts.posts[postId]?.channel_id ?? '']));
  return <span className="result-channel">{label}</span>;
}

function jump(postId: string): void {
  const s = getState();
  const team = s.teams[s.currentTeamId];
  if (team) navigate(`/${team.name}/pl/${postId}`);
}

/** Pinned messages of a channel, or my saved messages. */
export function PostListPanel({ view }: { view: RhsView }) {
  const t = useT();
  const [ids, setIds] = useState<string[] | null>(null);
  const [error, setError] = useState('');
  const existing = useStore((s) => (ids ?? []).filter((id) => s.posts.posts[id]).join(','));
  const savedCount = useStore((s) => Object.keys(s.prefs).filter((k) => k.startsWith('flagged_post:')).length);
  const pinnedVersion = useStore((s) => (view.kind === 'pinned' ? Object.values(s.posts.posts).filter((p) => p.channel_id === view.channelId && p.is_pinned).length : 0));
  useEffect(() => {
    load(view).then(setIds, (err: unknown) => setError(errorMessage(err)));
  }, [view, savedCount, pinnedVersion]);
  if (error) return <p className="rhs-empty" role="alert">{error}</p>;
  if (!ids) return <div className="center-loading"><div className="spinner" /></div>;
  const shown = existing ? existing.split(',') : [];
  if (shown.length === 0) {
    const empty = view.kind === 'pinned' ? t('rhs.noPinned') : t('rhs.noSaved');
    return (
      <div className="rhs-empty">
        <Icon name={view.kind === 'pinned' ? 'pin' : 'bookmark'} size={32} />
        <p>{empty}</p>
      </div>
    );
  }
  return (
    <div className="rhs-list">
      {shown.map((id) => (
        <div key={id} className="rhs-result">
          <div className="rhs-result-head">
            <ChannelLabel postId={id} />
            <button type="button" className="link-button" onClick={() => jump(id)}>{t('rhs.jump')}</button>
          </div>
          <PostItem postId={id} consecutive={false} location="search" />
        </div>
      ))}
    </div>
  );
}
