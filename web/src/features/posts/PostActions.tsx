import { useState } from 'react';
import type { Post } from '@mattermost/types/posts';
import { getState, setState, useStore } from '../../store/store';
import { collapsedThreads, isSaved } from '../../store/selectors';
import { markUnread, setPinned, setSaved, toggleReaction } from '../../store/actions/posts';
import { setFollowing } from '../../store/actions/threads';
import { useT } from '../../i18n/useT';
import { Icon } from '../../ui/icons';
import { Menu, type MenuItem } from '../../ui/Menu';
import { EmojiPicker } from '../emoji/EmojiPicker';
import { EmojiGlyph } from '../emoji/EmojiGlyph';
import { showToast } from '../layout/Toast';
import { errorMessage } from '../../api/client';
import { ConfirmDelete } from './ConfirmDelete';
import { RemindDialog } from './RemindDialog';
import { copyText, markThreadUnread } from './postMenuActions';
import type { PostLocation } from './PostItem';

const QUICK = ['+1', 'white_check_mark', 'joy'];

function run(p: Promise<unknown>): void {
  p.catch((err: unknown) => showToast(errorMessage(err)));
}

/** The toolbar that appears on hover/focus: quick reactions, emoji picker, reply, and the "more" menu. */
export function PostActions({ post, location, isMine, onMenuOpenChange }: { post: Post; location: PostLocation; isMine: boolean; onMenuOpenChange: (open: boolean) => void }) {
  const t = useT();
  const saved = useStore((s) => isSaved(s, post.id));
  const crt = useStore(collapsedThreads);
  const isAdmin = useStore((s) => (s.me?.roles ?? '').includes('system_admin'));
  const [picker, setPicker] = useState(false);
  const [confirm, setConfirm] = useState(false);
  const [reminding, setReminding] = useState(false);
  const rootId = post.root_id || post.id;
  // A reply shows its thread's follow state (the root post or the thread record holds it).
  const following = useStore((s) => s.threads[rootId]?.is_following ?? s.posts.posts[rootId]?.is_following ?? false);
  const team = useStore((s) => s.teams[s.currentTeamId]);
  const permalink = `${window.location.origin}/${team?.name ?? ''}/pl/${post.id}`;
  const openPicker = (open: boolean): void => {
    setPicker(open);
    onMenuOpenChange(open);
  };
  const items: MenuItem[] = [
    { label: t('actions.reply'), icon: 'reply', onSelect: () => setState({ rhs: { kind: 'thread', rootId } }), hidden: location === 'thread' },
    {
      label: following ? t('actions.unfollow') : t('actions.follow'),
      icon: 'threads',
      onSelect: () => run(setFollowing(getState().currentTeamId, rootId, !following)),
      hidden: !crt,
    },
    {
      label: t('actions.markUnread'),
      icon: 'unread',
      // With collapsed threads a reply's read state is its thread's.
      onSelect: () => run(crt && post.root_id ? markThreadUnread(getState().currentTeamId, rootId, post.id) : markUnread(post)),
      hidden: isMine,
    },
    { label: t('actions.remind'), icon: 'clock', onSelect: () => setReminding(true) },
    { label: t('actions.copyText'), icon: 'copy', onSelect: () => run(copyText(post.message, t('actions.textCopied'))) },
    { label: t('actions.copyLink'), icon: 'link', onSelect: () => run(copyText(permalink, t('actions.linkCopied'))) },
    { label: saved ? t('actions.unsave') : t('actions.save'), icon: 'bookmark', onSelect: () => run(setSaved(post.id, !saved)) },
    { label: post.is_pinned ? t('actions.unpin') : t('actions.pin'), icon: 'pin', onSelect: () => run(setPinned(post.id, !post.is_pinned)) },
    { label: t('actions.edit'), icon: 'edit', onSelect: () => setState({ editingPostId: post.id }), hidden: !isMine },
    { label: t('actions.delete'), icon: 'trash', danger: true, onSelect: () => setConfirm(true), hidden: !isMine && !isAdmin },
  ];
  return (
    <div className={`post-actions ${picker ? 'open' : ''}`} role="toolbar" aria-label={t('actions.label')}>
      {QUICK.map((name) => (
        <button key={name} type="button" className="icon-button emoji-quick" aria-label={t('actions.reactWith', { emoji: name })} title={`:${name}:`} onClick={() => run(toggleReaction(post.id, name))}>
          <EmojiGlyph name={name} size={18} />
        </button>
      ))}
      <div className="picker-anchor">
        <button type="button" className="icon-button" aria-label={t('actions.react')} title={t('actions.react')} onClick={() => openPicker(!picker)}>
          <Icon name="smile" />
        </button>
        {picker && <EmojiPicker onPick={(name) => run(toggleReaction(post.id, name))} onClose={() => openPicker(false)} />}
      </div>
      {location !== 'thread' && (
        <button type="button" className="icon-button" aria-label={t('actions.reply')} title={t('actions.reply')} onClick={() => setState({ rhs: { kind: 'thread', rootId } })}>
          <Icon name="reply" />
        </button>
      )}
      <Menu label={t('actions.more')} align="right" trigger={<Icon name="dots" />} items={items} onOpenChange={onMenuOpenChange} />
      {confirm && <ConfirmDelete post={post} onClose={() => setConfirm(false)} />}
      {reminding && <RemindDialog post={post} onClose={() => setReminding(false)} />}
    </div>
  );
}
