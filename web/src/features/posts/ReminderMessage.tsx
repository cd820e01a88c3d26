import type { Post } from '@mattermost/types/posts';
import { useT } from '../../i18n/useT';
import { AppLink } from '../../ui/AppLink';
import { Icon } from '../../ui/icons';
import { useFormatFull } from './time';

/** The system bot's `reminder` DM: who wrote the message and when it was due, with a link to the message itself. */
export function ReminderMessage({ post }: { post: Post }) {
  const t = useT();
  const formatFull = useFormatFull();
  const props = post.props as { target_time?: unknown; post_id?: unknown; username?: unknown; team_name?: unknown };
  const postId = typeof props.post_id === 'string' ? props.post_id : '';
  const team = typeof props.team_name === 'string' ? props.team_name : '';
  const username = typeof props.username === 'string' ? props.username : '';
  const due = typeof props.target_time === 'number' ? props.target_time * 1000 : post.create_at;
  return (
    <div className="post-message reminder-message">
      <Icon name="clock" size={16} />
      <span>
        {t('remind.postText', { username, time: formatFull(due) })}{' '}
        {postId && team && <AppLink to={`/${team}/pl/${postId}`}>{t('remind.viewMessage')}</AppLink>}
      </span>
    </div>
  );
}
