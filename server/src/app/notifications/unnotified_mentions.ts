import type { AppDeps } from '../deps.js';
import { publishEphemeral } from '../ephemeral.js';
import type { SavedPost } from './saved_post.js';

/** Mattermost's ephemeral post type for "they did not get notified; add them?". */
const ADD_TO_CHANNEL = 'system_ephemeral_add_to_channel';

/**
 * @-mentions of people outside the channel notify nobody: the author is told so, only on their screen, with the
 * props Mattermost's clients read to offer adding them (`add_channel_member`). Only people who could be added are
 * named: active users of the channel's team. Direct and group messages have no one to add.
 */
export async function warnUnnotifiedMentions(deps: AppDeps, saved: SavedPost): Promise<void> {
  const { channel, post, author } = saved;
  if (channel.type === 'D' || channel.type === 'G' || saved.outsideNames.length === 0) return;
  const store = deps.store;
  const candidates = await store.users.getByUsernames(saved.outsideNames);
  const active = candidates.filter((u) => u.delete_at === 0 && u.id !== author.id && !u.is_bot);
  if (active.length === 0) return;
  const members = new Set((await store.channels.getMembersByIds(channel.id, active.map((u) => u.id))).map((m) => m.user_id));
  const outside = active.filter((u) => !members.has(u.id));
  if (outside.length === 0) return;
  const teamMembers = new Set((await store.teams.getMembersByIds(channel.team_id, outside.map((u) => u.id))).filter((m) => m.delete_at === 0).map((m) => m.user_id));
  const inTeam = outside.filter((u) => teamMembers.has(u.id));
  if (inTeam.length === 0) return;
  const names = inTeam.map((u) => u.username);
  const listed = names.map((n) => `@${n}`).join(', ');
  const message = `${listed} did not get notified by this mention because they are not in the channel. Would you like to add them to it? They will have access to all message history.`;
  publishToAuthor(deps, saved, ADD_TO_CHANNEL, message, {
    add_channel_member: {
      post_id: post.id, usernames: names, not_in_channel_usernames: names, user_ids: inTeam.map((u) => u.id),
      not_in_channel_user_ids: inTeam.map((u) => u.id), not_in_groups_usernames: [], not_in_groups_user_ids: [],
    },
  });
}

/** @channel in a channel above TeamSettings.MaxNotificationsPerChannel notified nobody: the author is told. */
export function warnChannelTooLarge(deps: AppDeps, saved: SavedPost, maxNotified: number): void {
  publishToAuthor(deps, saved, 'system_ephemeral',
    `@channel, @all and @here notify nobody in channels of more than ${maxNotified} members. Your message was posted without notifying everyone.`, {});
}

/** A message only the author sees, beside their post. */
function publishToAuthor(deps: AppDeps, saved: SavedPost, type: string, message: string, props: Record<string, unknown>): void {
  const { channel, post, author } = saved;
  publishEphemeral(deps, { userId: author.id, authorId: author.id, channelId: channel.id, rootId: post.root_id, message, type, props });
}
