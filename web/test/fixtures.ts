import type { ChannelMembership, ServerChannel } from '@mattermost/types/channels';
import type { Post, PostList } from '@mattermost/types/posts';

let clock = 1_700_000_000_000;

export function post(over: Partial<Post> & { id: string }): Post {
  clock += 1000;
  return {
    create_at: clock, update_at: clock, edit_at: 0, delete_at: 0, is_pinned: false, user_id: 'u1', channel_id: 'c1', root_id: '',
    original_id: '', message: `message ${over.id}`, type: '', props: {}, hashtags: '', pending_post_id: '', reply_count: 0,
    metadata: { embeds: [], emojis: [], files: [], images: {} },
    ...over,
  } as Post;
}

/** A PostList as the server returns it: order newest first. */
export function list(posts: Post[], prev = '', next = ''): PostList {
  const sorted = [...posts].sort((a, b) => b.create_at - a.create_at);
  return { order: sorted.map((p) => p.id), posts: Object.fromEntries(posts.map((p) => [p.id, p])), prev_post_id: prev, next_post_id: next, first_inaccessible_post_time: 0 };
}

export function channel(over: Partial<ServerChannel> = {}): ServerChannel {
  return {
    id: 'c1', create_at: 1, update_at: 1, delete_at: 0, team_id: 't1', type: 'O', display_name: 'General', name: 'general', header: '',
    purpose: '', last_post_at: 0, last_root_post_at: 0, creator_id: '', scheme_id: '', group_constrained: false, total_msg_count: 10,
    total_msg_count_root: 10,
    ...over,
  } as ServerChannel;
}

export function member(over: Partial<ChannelMembership> = {}): ChannelMembership {
  return {
    channel_id: 'c1', user_id: 'me', roles: 'channel_user', last_viewed_at: 0, msg_count: 10, msg_count_root: 10, mention_count: 0,
    mention_count_root: 0, urgent_mention_count: 0, notify_props: { mark_unread: 'all' }, last_update_at: 0, scheme_user: true, scheme_admin: false,
    ...over,
  };
}
