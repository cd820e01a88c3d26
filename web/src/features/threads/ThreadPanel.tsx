import { useEffect } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { getState, useStore } from '../../store/store';
import { channelTitle } from '../../store/selectors';
import { loadThread } from '../../store/actions/posts';
import { markThreadRead } from '../../store/actions/threads';
import { useT } from '../../i18n/useT';
import { PostItem } from '../posts/PostItem';
import { Composer } from '../composer/Composer';
import { TypingIndicator } from '../composer/TypingIndicator';

/** A root post, its replies and a composer for replying. */
export function ThreadPanel({ rootId }: { rootId: string }) {
  const t = useT();
  const root = useStore((s) => s.posts.posts[rootId]);
  const replyIds = useStore(useShallow((s) => s.posts.byThread[rootId] ?? []));
  const channelName = useStore((s) => channelTitle(s, s.channels[s.posts.posts[rootId]?.channel_id ?? '']));
  const archived = useStore((s) => (s.channels[s.posts.posts[rootId]?.channel_id ?? '']?.delete_at ?? 0) > 0);
  useEffect(() => {
    void loadThread(rootId).catch(() => undefined);
    void markThreadRead(getState().currentTeamId, rootId).catch(() => undefined);
  }, [rootId]);
  useEffect(() => {
    document.querySelector('.thread-replies')?.scrollTo({ top: 1e9 });
  }, [replyIds.length]);
  if (!root) return <div className="center-loading"><div className="spinner" /></div>;
  return (
    <div className="thread-panel">
      <div className="thread-channel">{channelName}</div>
      <div className="thread-replies">
        <PostItem postId={rootId} consecutive={false} location="thread" />
        {replyIds.length > 0 && <div className="thread-divider"><span>{t('threads.replies', { count: replyIds.length })}</span></div>}
        {replyIds.map((id, i) => (
          <PostItem key={id} postId={id} consecutive={i > 0 && getState().posts.posts[replyIds[i - 1]]?.user_id === getState().posts.posts[id]?.user_id} location="thread" />
        ))}
      </div>
      <div className="composer-area">
        {archived ? <div className="archived-note">{t('channel.archivedNote')}</div> : <Composer channelId={root.channel_id} rootId={rootId} />}
        <TypingIndicator channelId={root.channel_id} rootId={rootId} />
      </div>
    </div>
  );
}
