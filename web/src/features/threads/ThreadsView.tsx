import { useEffect, useState } from 'react';
import { errorMessage } from '../../api/client';
import { setState, useStore } from '../../store/store';
import { channelTitle, displayName } from '../../store/selectors';
import { loadThreads } from '../../store/actions/threads';
import { renderInlineMarkdown } from '../markdown/markdown';
import { useT } from '../../i18n/useT';
import { Avatar } from '../people/Avatar';
import { Icon } from '../../ui/icons';
import { useFormatTime } from '../posts/time';
import { DrawerToggle } from '../layout/MobileDrawer';

function ThreadRow({ threadId }: { threadId: string }) {
  const t = useT();
  const formatTime = useFormatTime();
  const thread = useStore((s) => s.threads[threadId]);
  const root = useStore((s) => s.posts.posts[threadId]);
  const author = useStore((s) => displayName(s.users[root?.user_id ?? thread?.post.user_id ?? '']));
  const channel = useStore((s) => channelTitle(s, s.channels[root?.channel_id ?? thread?.post.channel_id ?? '']));
  const selected = useStore((s) => s.rhs?.kind === 'thread' && s.rhs.rootId === threadId);
  if (!thread) return null;
  const unread = thread.unread_replies > 0;
  return (
    <li>
      <button type="button" className={`thread-row ${unread ? 'unread' : ''} ${selected ? 'selected' : ''}`} onClick={() => setState({ rhs: { kind: 'thread', rootId: threadId } })}>
        <span className="thread-row-head">
          {unread && <span className="unread-dot" aria-label={t('threads.unread')} />}
          <Avatar userId={root?.user_id ?? thread.post.user_id} size={24} />
          <strong>{author}</strong>
          <span className="thread-channel-tag">{channel}</span>
          <span className="grow" />
          <time>{formatTime(thread.last_reply_at)}</time>
        </span>
        {root && <span className="thread-preview" dangerouslySetInnerHTML={{ __html: renderInlineMarkdown(root.message) }} />}
        <span className="thread-meta">
          <Icon name="reply" size={14} /> {t('threads.replies', { count: thread.reply_count })}
          {thread.unread_mentions > 0 && <span className="badge">{thread.unread_mentions}</span>}
        </span>
      </button>
    </li>
  );
}

/** Followed threads of the team, with unread markers. */
export function ThreadsView({ threadId }: { threadId: string }) {
  const t = useT();
  const teamId = useStore((s) => s.currentTeamId);
  const [ids, setIds] = useState<string[] | null>(null);
  const [error, setError] = useState('');
  const threadCount = useStore((s) => Object.keys(s.threads).length);
  useEffect(() => {
    if (!teamId) return;
    loadThreads(teamId).then(setIds, (err: unknown) => setError(errorMessage(err)));
  }, [teamId, threadCount]);
  useEffect(() => {
    if (threadId) setState({ rhs: { kind: 'thread', rootId: threadId } });
  }, [threadId]);
  return (
    <div className="threads-view">
      <header className="channel-header">
        <DrawerToggle />
        <div className="channel-header-main">
          <h1 className="channel-title plain">
            <Icon name="threads" size={18} /> {t('threads.title')}
          </h1>
          <div className="channel-subtitle">{t('threads.subtitle')}</div>
        </div>
      </header>
      {error && <p className="rhs-empty" role="alert">{error}</p>}
      {!ids && !error && <div className="center-loading"><div className="spinner" /></div>}
      {ids && ids.length === 0 && (
        <div className="rhs-empty">
          <Icon name="threads" size={40} />
          <p>{t('threads.empty')}</p>
        </div>
      )}
      {ids && ids.length > 0 && (
        <ul className="thread-list">
          {ids.map((id) => (
            <ThreadRow key={id} threadId={id} />
          ))}
        </ul>
      )}
    </div>
  );
}
