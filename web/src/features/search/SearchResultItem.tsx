import { memo, useMemo } from 'react';
import { getState, useStore } from '../../store/store';
import { displayName } from '../../store/selectors';
import { navigate } from '../../router/navigate';
import { useT } from '../../i18n/useT';
import { renderMarkdown } from '../markdown/markdown';
import { Avatar, openProfile } from '../people/Avatar';
import { Icon } from '../../ui/icons';
import { onMessageClick } from '../posts/messageLinks';
import { useFormatFull, useFormatTime } from '../posts/time';
import { useCustomEmojiSet } from '../emoji/customEmojiActions';
import { useEmojiData } from '../emoji/emojiStore';
import { FileAttachments } from '../files/FileAttachments';
import { highlightHtml } from './highlight';

/** Opens the post's channel at the post, highlighted (the permalink route), keeping the results open. */
export function jumpToPost(postId: string): void {
  const s = getState();
  const team = s.teams[s.currentTeamId];
  if (team) navigate(`/${team.name}/pl/${postId}`);
}

/** One message in the results: author, time, the text with the matched words marked, and Jump. */
function SearchResultItemInner({ postId, words }: { postId: string; words: readonly string[] }) {
  const t = useT();
  const formatTime = useFormatTime();
  const formatFull = useFormatFull();
  const post = useStore((s) => s.posts.posts[postId]);
  const author = useStore((s) => (post ? s.users[post.user_id] : undefined));
  const nameMode = useStore((s) => s.config.TeammateNameDisplay || 'username');
  const message = post?.message ?? '';
  const wordsKey = words.join('\u0000');
  // Custom emoji loaded later change what the markdown renders to.
  const customEmoji = useCustomEmojiSet();
  const emojiData = useEmojiData((s) => s.index);
  // eslint-disable-next-line react-hooks/exhaustive-deps
  const html = useMemo(() => highlightHtml(renderMarkdown(message), words), [message, wordsKey, customEmoji, emojiData]);
  if (!post || post.delete_at > 0) return null;
  const name = displayName(author, nameMode) || '…';
  const replies = post.reply_count ?? 0;
  return (
    <article className="search-result" data-post-id={post.id} aria-label={t('posts.postBy', { name })}>
      <button type="button" className="avatar-button" aria-label={t('profile.open', { name })} onClick={(e) => openProfile(post.user_id, e.currentTarget)}>
        <Avatar userId={post.user_id} size={32} />
      </button>
      <div className="search-result-body">
        <div className="search-result-head">
          <button type="button" className="post-author" onClick={(e) => openProfile(post.user_id, e.currentTarget)}>
            {name}
          </button>
          <time className="post-time" dateTime={new Date(post.create_at).toISOString()} title={formatFull(post.create_at)}>
            {formatTime(post.create_at)}
          </time>
          {post.root_id && <span className="search-result-reply">{t('search.inThread')}</span>}
          <button type="button" className="link-button search-jump" onClick={() => jumpToPost(post.id)}>
            {t('rhs.jump')}
          </button>
        </div>
        <div className="post-message markdown" onClick={onMessageClick} dangerouslySetInnerHTML={{ __html: html }} />
        <FileAttachments post={post} />
        {replies > 0 && !post.root_id && (
          <span className="search-result-replies">
            <Icon name="reply" size={12} /> {t('search.replies', { count: replies })}
          </span>
        )}
      </div>
    </article>
  );
}

export const SearchResultItem = memo(SearchResultItemInner);
