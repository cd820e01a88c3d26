import type { Post } from '@mattermost/types/posts';
import { setState, useStore } from '../../store/store';
import { useT } from '../../i18n/useT';
import { Avatar } from '../people/Avatar';
import { Icon } from '../../ui/icons';
import { useFormatTime } from './time';

/** Collapsed reply threads: reply count and participants under a root post. */
export function ThreadSummary({ post }: { post: Post }) {
  const t = useT();
  const formatTime = useFormatTime();
  const unread = useStore((s) => (s.threads[post.id]?.unread_replies ?? 0) > 0);
  if (!post.reply_count) return null;
  const participants = ((post.participants as Array<{ id: string }> | null | undefined) ?? []).slice(0, 5);
  return (
    <button type="button" className={`thread-summary ${unread ? 'unread' : ''}`} onClick={() => setState({ rhs: { kind: 'thread', rootId: post.id } })}>
      <span className="participants">
        {participants.map((p) => (
          <Avatar key={p.id} userId={p.id} size={20} />
        ))}
      </span>
      <span className="reply-count">
        <Icon name="reply" size={14} /> {t('threads.replies', { count: post.reply_count })}
      </span>
      {post.last_reply_at ? <span className="last-reply">{t('threads.lastReply', { time: formatTime(post.last_reply_at) })}</span> : null}
    </button>
  );
}
