import type { Post } from '@mattermost/types/posts';
import type { PostAction, PostActionResponse } from '@mattermost/types/integration_actions';
import { client, errorMessage } from '../../../api/client';
import { navigate } from '../../../router/navigate';
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
    if (answer.goto_location) followLocation(answer.goto_location);
  } catch (err) {
    showToast(errorMessage(err));
  }
}

function followLocation(location: string): void {
  let url: URL;
  try {
    url = new URL(location, window.location.origin);
  } catch {
    return;
  }
  if (url.origin === window.location.origin) navigate(`${url.pathname}${url.search}`);
  else if (url.protocol === 'http:' || url.protocol === 'https:') window.open(url.href, '_blank', 'noopener,noreferrer');
}
