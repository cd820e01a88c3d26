import type { Post } from '@mattermost/types/posts';
import { useStore } from '../../store/store';
import { useT, type Translate } from '../../i18n/useT';
import { useFormatTime } from './time';

const prop = (post: Post, name: string): string => {
  const v = post.props?.[name];
  return typeof v === 'string' ? v : '';
};

function describe(post: Post, actor: string, t: Translate): string {
  const user = prop(post, 'username') || actor;
  switch (post.type) {
    case 'system_join_channel':
      return t('system.joined', { user });
    case 'system_leave_channel':
      return t('system.left', { user });
    case 'system_add_to_channel':
      return t('system.added', { user: prop(post, 'addedUsername') || user, actor: user === prop(post, 'addedUsername') ? actor : user });
    case 'system_remove_from_channel':
      return t('system.removed', { user: prop(post, 'removedUsername') || user });
    case 'system_header_change':
      return prop(post, 'new_header') ? t('system.headerChanged', { user, header: prop(post, 'new_header') }) : t('system.headerRemoved', { user });
    case 'system_purpose_change':
      return prop(post, 'new_purpose') ? t('system.purposeChanged', { user, purpose: prop(post, 'new_purpose') }) : t('system.purposeRemoved', { user });
    case 'system_displayname_change':
      return t('system.renamed', { user, name: prop(post, 'new_displayname') });
    case 'system_channel_deleted':
      return t('system.archived', { user });
    default:
      return post.message;
  }
}

/** Joined/left/header changed… in the reader's language when the post carries the details. */
export function SystemMessage({ post }: { post: Post }) {
  const t = useT();
  const formatTime = useFormatTime();
  const actor = useStore((s) => s.users[post.user_id]?.username ?? '');
  return (
    <div className="system-message" data-post-id={post.id}>
      <time dateTime={new Date(post.create_at).toISOString()}>{formatTime(post.create_at)}</time>
      <span>{describe(post, actor ? `@${actor}` : '', t)}</span>
    </div>
  );
}
