import { makeEvent } from '../model/events.js';
import { newId } from '../model/id.js';
import type { PostRecord } from '../model/types.js';
import type { AppDeps } from './deps.js';
import { presentNewPost, type PostView } from './post_presenter.js';

/** A message only one user sees, in a channel (and thread) they are looking at. */
export interface EphemeralMessage {
  /** Given when the caller needed the id first (the cookies of an ephemeral post's actions name it). */
  id?: string;
  /** Who sees it. */
  userId: string;
  /** Whom it is shown as from (the server's messages: the user themselves, as Mattermost does). */
  authorId: string;
  channelId: string;
  rootId?: string;
  message: string;
  /** `system_ephemeral` unless a more specific ephemeral type applies. */
  type?: string;
  props?: Record<string, unknown>;
}

/**
 * Sends an ephemeral post: never stored, delivered to the user's sockets on every node as Mattermost's
 * `ephemeral_message` event, so it is gone on reload. Answers the post as sent.
 */
export function publishEphemeral(deps: AppDeps, message: EphemeralMessage): PostView {
  const now = Date.now();
  const post: PostRecord = {
    id: message.id ?? newId(), create_at: now, update_at: now, edit_at: 0, delete_at: 0, is_pinned: false, original_id: '',
    user_id: message.authorId, channel_id: message.channelId, root_id: message.rootId ?? '', message: message.message,
    type: message.type ?? 'system_ephemeral', hashtags: '', pending_post_id: '', file_ids: [], has_reactions: false,
    props: message.props ?? {},
  };
  const view = presentNewPost(post);
  deps.bus.publish(makeEvent('ephemeral_message', { post: JSON.stringify(view) }, { user_id: message.userId, channel_id: message.channelId }));
  return view;
}
