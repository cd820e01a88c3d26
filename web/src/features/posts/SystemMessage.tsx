import type { Post } from '@mattermost/types/posts';
import { useState } from 'react';
import { errorMessage } from '../../api/client';
import { addMembers } from '../../store/actions/channels';
import { useStore } from '../../store/store';
import { showToast } from '../layout/Toast';
import { useT, type Translate } from '../../i18n/useT';
import { useFormatTime } from './time';
import { renderMarkdown } from '../markdown/markdown';
import { onMessageClick } from './messageLinks';
import { MessageAttachments } from './attachments/MessageAttachments';

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

/** The ids and names of people a mention did not reach because they are not in the channel (the server's note). */
function outsiders(post: Post): { ids: string[]; names: string[] } | undefined {
  const details = post.props?.add_channel_member as { not_in_channel_user_ids?: unknown; not_in_channel_usernames?: unknown } | undefined;
  const ids = Array.isArray(details?.not_in_channel_user_ids) ? details.not_in_channel_user_ids.filter((v): v is string => typeof v === 'string') : [];
  const names = Array.isArray(details?.not_in_channel_usernames) ? details.not_in_channel_usernames.filter((v): v is string => typeof v === 'string') : [];
  return (post.type as string) === 'system_ephemeral_add_to_channel' && ids.length > 0 ? { ids, names } : undefined;
}

/** "They did not get notified": offers to add them, once. */
function AddOutsiders({ post, ids, names }: { post: Post; ids: string[]; names: string[] }) {
  const t = useT();
  const [state, setState] = useState<'offered' | 'adding' | 'added'>('offered');
  const add = (): void => {
    setState('adding');
    addMembers(post.channel_id, ids).then(() => setState('added'), (err: unknown) => {
      setState('offered');
      showToast(errorMessage(err));
    });
  };
  if (state === 'added') return <span className="muted-text"> {t('system.outsidersAdded', { users: names.map((n) => `@${n}`).join(', ') })}</span>;
  return (
    <button type="button" className="link-button" onClick={add} disabled={state === 'adding'}>
      {t('system.addOutsiders')}
    </button>
  );
}

/** Joined/left/header changed… in the reader's language when the post carries the details. */
export function SystemMessage({ post }: { post: Post }) {
  const t = useT();
  const formatTime = useFormatTime();
  const actor = useStore((s) => s.users[post.user_id]?.username ?? '');
  const outside = outsiders(post);
  // An integration's or the server's note to this user only (a command's or an action's answer): Markdown, with
  // the attachments and buttons it may carry.
  const note = post.type === 'system_ephemeral';
  return (
    <div className={note ? 'system-message ephemeral-note' : 'system-message'} data-post-id={post.id}>
      <time dateTime={new Date(post.create_at).toISOString()}>{formatTime(post.create_at)}</time>
      <span>
        {note
          ? <span className="ephemeral-note-text markdown" onClick={onMessageClick} dangerouslySetInnerHTML={{ __html: renderMarkdown(post.message) }} />
          : describe(post, actor ? `@${actor}` : '', t)}
        {outside && <>{' '}<AddOutsiders post={post} ids={outside.ids} names={outside.names} /></>}
        {post.type.startsWith('system_ephemeral') && <span className="system-message-private"> {t('system.onlyYou')}</span>}
        {note && <MessageAttachments post={post} />}
      </span>
    </div>
  );
}
