import { memo, useEffect, useRef, useState } from 'react';
import type { Post } from '@mattermost/types/posts';
import { setState, useStore } from '../../store/store';
import { collapsedThreads, displayName, displaySetting } from '../../store/selectors';
import { discardFailedPost, retryPost } from '../../store/actions/posts';
import { renderMarkdown } from '../markdown/markdown';
import { highlightCodeBlocks } from '../markdown/lazyHighlight';
import { useT } from '../../i18n/useT';
import { openProfile } from '../people/Avatar';
import { Icon } from '../../ui/icons';
import { useInnerTabStops } from '../../ui/innerTabStops';
import { PostActions } from './PostActions';
import { ReadOnlyPostActions } from './ReadOnlyPostActions';
import { Reactions } from './Reactions';
import { SystemMessage } from './SystemMessage';
import { EditBox } from './EditBox';
import { ThreadSummary } from './ThreadSummary';
import { isSystemPost } from './rows';
import { useFormatFull, useFormatTime } from './time';
import { onMessageClick } from './messageLinks';
import { FileAttachments } from '../files/FileAttachments';
import { useCustomEmojiSet } from '../emoji/customEmojiActions';
import { useEmojiOnly } from '../emoji/useEmojiOnly';
import { LinkPreview } from '../previews/LinkPreview';
import { MessageAttachments } from './attachments/MessageAttachments';
import { integrationIdentity, PostAvatar } from './IntegrationIdentity';
import { ReminderMessage } from './ReminderMessage';

export type PostLocation = 'channel' | 'thread' | 'search';

function MessageBody({ post }: { post: Post }) {
  const ref = useRef<HTMLDivElement>(null);
  // Re-render when custom emoji arrive: `:name:` then renders as their image.
  useCustomEmojiSet();
  // A message of emoji only shows them larger (and re-renders once the emoji data arrives).
  const emojiOnly = useEmojiOnly(post.message);
  const html = renderMarkdown(post.message);
  useEffect(() => highlightCodeBlocks(ref.current), [html]);
  return <div ref={ref} className={emojiOnly ? 'post-message markdown emoji-only' : 'post-message markdown'} onClick={onMessageClick} dangerouslySetInnerHTML={{ __html: html }} />;
}

/**
 * `rovingTabStop`: in a list with roving focus, whether this post is the list's tab stop; elsewhere every post is one.
 * Either way the post's own controls join the Tab order only while focus is inside it.
 */
function PostItemInner({ postId, consecutive, location, rovingTabStop = true }: { postId: string; consecutive: boolean; location: PostLocation; rovingTabStop?: boolean }) {
  const t = useT();
  const formatTime = useFormatTime();
  const formatFull = useFormatFull();
  const post = useStore((s) => s.posts.posts[postId]);
  const author = useStore((s) => (post ? s.users[post.user_id] : undefined));
  const nameMode = useStore((s) => s.config.TeammateNameDisplay || 'username');
  const editing = useStore((s) => s.editingPostId === postId);
  const highlighted = useStore((s) => s.highlightPostId === postId);
  const compact = useStore((s) => displaySetting(s, 'message_display', 'clean') === 'compact');
  const crt = useStore(collapsedThreads);
  const isMine = useStore((s) => post?.user_id === s.me?.id);
  // Posts of an archived channel are read-only: no reactions, replies or edits.
  const archived = useStore((s) => (post ? (s.channels[post.channel_id]?.delete_at ?? 0) > 0 : false));
  const mentionsMe = useStore((s) => {
    if (!post || !s.me || post.user_id === s.me.id) return false;
    const text = post.message.toLowerCase();
    return text.includes(`@${s.me.username}`) || /@(channel|all|here)\b/.test(text);
  });
  const [menuOpen, setMenuOpen] = useState(false);
  const articleRef = useRef<HTMLElement>(null);
  const [focusWithin, setFocusWithin] = useState(false);
  useInnerTabStops(articleRef, focusWithin);
  if (!post) return null;
  if (isSystemPost(post)) return <SystemMessage post={post} />;
  const pending = post.id === post.pending_post_id;
  const identity = integrationIdentity(post);
  const name = identity.name || displayName(author, nameMode) || '…';
  const showHeader = !consecutive || compact;
  const showReplyTo = location === 'channel' && !crt && post.root_id;
  const classes = [
    'post',
    consecutive && !compact ? 'consecutive' : '',
    compact ? 'compact' : '',
    highlighted ? 'highlighted' : '',
    mentionsMe ? 'mentioned' : '',
    pending && !post.failed ? 'pending' : '',
    post.failed ? 'failed' : '',
    menuOpen ? 'menu-open' : '',
  ].join(' ');
  return (
    <article
      ref={articleRef}
      className={classes}
      data-post-id={post.id}
      aria-label={t('posts.postBy', { name })}
      tabIndex={rovingTabStop ? 0 : -1}
      onFocus={() => setFocusWithin(true)}
      onBlur={(e) => {
        if (!e.currentTarget.contains(e.relatedTarget)) setFocusWithin(false);
      }}
    >
      <div className="post-gutter">
        {showHeader && !compact ? (
          <button type="button" className="avatar-button" aria-label={t('profile.open', { name })} onClick={(e) => openProfile(post.user_id, e.currentTarget)}>
            <PostAvatar post={post} size={36} />
          </button>
        ) : (
          <time className="post-time-hover" dateTime={new Date(post.create_at).toISOString()} title={formatFull(post.create_at)}>
            {formatTime(post.create_at)}
          </time>
        )}
      </div>
      <div className="post-content">
        {showHeader && (
          <div className="post-header">
            <button type="button" className="post-author" onClick={(e) => openProfile(post.user_id, e.currentTarget)}>
              {name}
            </button>
            {(author?.is_bot || identity.fromIntegration) && <span className="tag">{t('posts.bot')}</span>}
            {!compact && (
              <time className="post-time" dateTime={new Date(post.create_at).toISOString()} title={formatFull(post.create_at)}>
                {formatTime(post.create_at)}
              </time>
            )}
            {post.is_pinned && (
              <span className="post-flag pinned">
                <Icon name="pin" size={12} /> {t('posts.pinned')}
              </span>
            )}
          </div>
        )}
        {showReplyTo && <ReplyContext rootId={post.root_id} />}
        {editing ? (
          <EditBox post={post} />
        ) : (
          <>
            {post.type === 'reminder' ? <ReminderMessage post={post} /> : <MessageBody post={post} />}
            {post.edit_at > 0 && (
              <span className="edited" title={formatFull(post.edit_at)}>
                {t('posts.edited')}
              </span>
            )}
            <MessageAttachments post={post} />
            <LinkPreview post={post} />
          </>
        )}
        <FileAttachments post={post} />
        {post.failed && (
          <div className="post-failed" role="alert">
            {t('posts.failed')}{' '}
            <button type="button" className="link-button" onClick={() => void retryPost(post.id)}>{t('posts.retry')}</button>{' '}
            <button type="button" className="link-button" onClick={() => discardFailedPost(post.id)}>{t('posts.discard')}</button>
          </div>
        )}
        <Reactions post={post} readOnly={archived} />
        {location === 'channel' && crt && !post.root_id && <ThreadSummary post={post} />}
      </div>
      {!pending && !editing && !archived && <PostActions post={post} location={location} isMine={isMine} onMenuOpenChange={setMenuOpen} />}
      {!pending && archived && <ReadOnlyPostActions post={post} onMenuOpenChange={setMenuOpen} />}
    </article>
  );
}

function ReplyContext({ rootId }: { rootId: string }) {
  const t = useT();
  const root = useStore((s) => s.posts.posts[rootId]);
  const rootAuthor = useStore((s) => (root ? s.users[root.user_id]?.username : ''));
  return (
    <button type="button" className="reply-context" onClick={() => setState({ rhs: { kind: 'thread', rootId } })}>
      <Icon name="reply" size={12} /> {rootAuthor ? t('posts.replyTo', { name: rootAuthor }) : t('posts.replyInThread')}
    </button>
  );
}

export const PostItem = memo(PostItemInner);
