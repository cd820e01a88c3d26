import type { Post } from '@mattermost/types/posts';
import { useShallow } from 'zustand/react/shallow';
import { useStore } from '../../store/store';
import { summarizeReactions } from '../../store/posts';
import { toggleReaction } from '../../store/actions/posts';
import { EmojiGlyph } from '../emoji/EmojiGlyph';
import { useT } from '../../i18n/useT';
import { showToast } from '../layout/Toast';
import { errorMessage } from '../../api/client';

/** One pill per emoji with its count; the tooltip names who reacted. Read-only (an archived channel): no toggling. */
export function Reactions({ post, readOnly = false }: { post: Post; readOnly?: boolean }) {
  const t = useT();
  const myId = useStore((s) => s.me?.id ?? '');
  const groups = summarizeReactions(post.metadata?.reactions, myId);
  const names = useStore(useShallow((s) => groups.flatMap((g) => g.userIds).map((id) => (id === myId ? '' : s.users[id]?.username ?? ''))));
  if (groups.length === 0) return null;
  let cursor = 0;
  return (
    <div className="reactions" role="group" aria-label={t('reactions.label')}>
      {groups.map((g) => {
        const who = names.slice(cursor, cursor + g.count).map((n) => n || t('reactions.you'));
        cursor += g.count;
        const tooltip = t('reactions.tooltip', { names: who.join(', '), emoji: `:${g.emoji}:` });
        return (
          <button
            key={g.emoji}
            type="button"
            className={g.mine ? 'reaction mine' : 'reaction'}
            aria-pressed={g.mine}
            disabled={readOnly}
            title={tooltip}
            // The count is the visible text, so the name must contain it.
            aria-label={`${tooltip} (${g.count})`}
            onClick={() => void toggleReaction(post.id, g.emoji).catch((err: unknown) => showToast(errorMessage(err)))}
          >
            <span className="reaction-emoji"><EmojiGlyph name={g.emoji} size={16} /></span>
            <span className="reaction-count">{g.count}</span>
          </button>
        );
      })}
    </div>
  );
}
