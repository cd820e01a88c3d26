import type { Post } from '@mattermost/types/posts';
import type { PostAction, PostActionResponse } from '@mattermost/types/integration_actions';
import { client, errorMessage } from '../../../api/client';
import { getState } from '../../../store/store';
import { followGotoLocation } from '../../composer/goto_location';
import { showToast } from '../../layout/Toast';
import { expectDialog } from '../dialogs/dialog_state';

/** What the server answers a click: Mattermost's PostActionResponse and where the integration sends the user. */
type ActionAnswer = PostActionResponse & { goto_location?: string };

/**
 * Sends a click (or a menu's pick) to the server, which passes it to the integration; the post's update and any
 * message arrive as events. The answer's trigger id lets this tab open the dialog the integration may ask for,
 * and its location is followed: inside the app by routing, elsewhere in a new tab.
 */
export async function runAction(post: Post, action: PostAction, selectedOption = ''): Promise<void> {
  if (!action.id) return;
  try {
    const answer = (await client.doPostActionWithCookie(post.id, action.id, action.cookie ?? '', selectedOption)) as ActionAnswer;
    expectDialog(answer.trigger_id);
    if (answer.goto_location) followGotoLocation(answer.goto_location, getState().config.SiteURL ?? '');
  } catch (err) {
    showToast(errorMessage(err));
  }
}
