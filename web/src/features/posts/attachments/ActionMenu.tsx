import { useCallback } from 'react';
import type { Post } from '@mattermost/types/posts';
import type { PostAction } from '@mattermost/types/integration_actions';
import { useStore } from '../../../store/store';
import { loadOptions } from './action_options';
import { runAction } from './run_action';
import { SearchSelect } from './SearchSelect';

/** A select menu of an attachment: type to search, pick to send the choice to the integration. */
export function ActionMenu({ post, action }: { post: Post; action: PostAction }) {
  const teamId = useStore((s) => s.channels[post.channel_id]?.team_id || s.currentTeamId);
  const load = useCallback((term: string) => loadOptions(action, term, teamId), [action, teamId]);
  return (
    <SearchSelect
      label={action.name}
      placeholder={action.name}
      disabled={action.disabled}
      initialText={action.options?.find((o) => o.value === action.default_option)?.text ?? ''}
      load={load}
      debounceMs={action.data_source ? 150 : 0}
      onPick={(option) => void runAction(post, action, option.value)}
    />
  );
}
