import { createHash } from 'node:crypto';
import { AppError, forbidden, notFound } from '../model/errors.js';
import { newId } from '../model/id.js';
import type { ChannelMembership, ChannelNotifyProps, ChannelRecord } from '../model/types.js';
import type { Store } from '../store/store.js';
import type { Actor } from './actor.js';
import { channelMemberRoles, memberRolesString, type Permissions } from './permissions.js';

// Channel naming, field limits and notify-prop values, shared by the channel services.

const CHANNEL_NAME = /^[a-z0-9]([a-z0-9_-]{0,62}[a-z0-9])?$/;

export const DEFAULT_CHANNELS = [
  { name: 'town-square', display_name: 'Town Square' },
  { name: 'off-topic', display_name: 'Off-Topic' },
] as const;

export const isTownSquare = (channel: { name: string; team_id: string }): boolean =>
  channel.team_id !== '' && channel.name === DEFAULT_CHANNELS[0].name;

export const invalidChannel = (field: string, message: string): AppError =>
  new AppError(`model.channel.is_valid.${field}.app_error`, message, 400);

export function validateChannelFields(c: { display_name?: string; name?: string; header?: string; purpose?: string }): void {
  if (c.display_name !== undefined && (c.display_name.trim().length === 0 || c.display_name.length > 64)) {
    throw invalidChannel('display_name', 'Display name must be 1 to 64 characters.');
  }
  if (c.name !== undefined && !CHANNEL_NAME.test(c.name)) {
    throw invalidChannel('name', 'Name must be 1 to 64 lowercase letters, numbers, dashes or underscores, starting and ending with a letter or number.');
  }
  if (c.header !== undefined && c.header.length > 1024) throw invalidChannel('header', 'Header must be at most 1024 characters.');
  if (c.purpose !== undefined && c.purpose.length > 250) throw invalidChannel('purpose', 'Purpose must be at most 250 characters.');
}

export const DEFAULT_CHANNEL_NOTIFY_PROPS: Partial<ChannelNotifyProps> = {
  desktop: 'default', push: 'default', email: 'default', mark_unread: 'all', ignore_channel_mentions: 'default',
  channel_auto_follow_threads: 'off', desktop_threads: 'default', push_threads: 'default', desktop_sound: 'default',
};

const NOTIFY_LEVELS = ['default', 'all', 'mention', 'none'];
// The values Mattermost accepts per key; keys mapped to undefined take any short string.
const NOTIFY_PROP_VALUES: Record<keyof ChannelNotifyProps, readonly string[] | undefined> = {
  desktop: NOTIFY_LEVELS, push: NOTIFY_LEVELS, desktop_threads: NOTIFY_LEVELS, push_threads: NOTIFY_LEVELS,
  email: [...NOTIFY_LEVELS, 'true', 'false'], mark_unread: ['all', 'mention'],
  ignore_channel_mentions: ['default', 'on', 'off'], channel_auto_follow_threads: ['on', 'off'],
  desktop_sound: undefined, desktop_notification_sound: undefined,
};

export function validateNotifyProps(props: Record<string, string>): Partial<ChannelNotifyProps> {
  for (const [key, value] of Object.entries(props)) {
    if (!Object.hasOwn(NOTIFY_PROP_VALUES, key)) throw invalidChannel('notify_props', `Unknown notify prop ${key}.`);
    const allowed = NOTIFY_PROP_VALUES[key as keyof ChannelNotifyProps];
    if (value.length > 64 || (allowed && !allowed.includes(value))) throw invalidChannel('notify_props', `Invalid value for notify prop ${key}.`);
  }
  return props as Partial<ChannelNotifyProps>;
}

export const MUTED = 'mention';

export const directChannelName = (a: string, b: string): string => [a, b].sort().join('__');
export const groupChannelName = (ids: readonly string[]): string => createHash('sha1').update([...ids].sort().join('')).digest('hex');

/** System messages (joined, left, header changed...) are posts; the post service writes them. */
export interface SystemPoster {
  postSystemMessage(channelId: string, userId: string, type: string, message: string, props?: Record<string, unknown>): Promise<void>;
}

export function newChannelRecord(fields: Pick<ChannelRecord, 'team_id' | 'type' | 'display_name' | 'name' | 'creator_id'> & Partial<ChannelRecord>): ChannelRecord {
  const now = Date.now();
  return {
    id: newId(), create_at: now, update_at: now, delete_at: 0, header: '', purpose: '', last_post_at: now, last_root_post_at: now,
    total_msg_count: 0, total_msg_count_root: 0, extra_update_at: 0, scheme_id: '', group_constrained: false,
    shared: false, props: {}, policy_id: null, ...fields,
  };
}

export function newMemberRecord(channelId: string, userId: string, admin: boolean, viewedAt: number): ChannelMembership {
  return {
    channel_id: channelId, user_id: userId, roles: '', last_viewed_at: viewedAt, msg_count: 0, msg_count_root: 0,
    mention_count: 0, mention_count_root: 0, urgent_mention_count: 0, notify_props: { ...DEFAULT_CHANNEL_NOTIFY_PROPS },
    last_update_at: viewedAt, scheme_user: true, scheme_admin: admin,
  };
}

/** The channel if the caller may read it; 404 when missing, 403 when hidden. */
export async function readableChannel(store: Store, permissions: Permissions, actor: Actor, id: string): Promise<ChannelRecord> {
  return (await readableChannelWithMember(store, permissions, actor, id)).channel;
}

/** readableChannel with the caller's membership it read on the way, for callers that need it next. */
export async function readableChannelWithMember(
  store: Store, permissions: Permissions, actor: Actor, id: string,
): Promise<{ channel: ChannelRecord; member: ChannelMembership | undefined }> {
  // Both reads together: most callers are members, and on PostgreSQL one round trip serves every channel read.
  const { channel, member } = await store.channels.getWithMember(id, actor.userId);
  if (!channel) throw notFound('channel');
  if (!(await permissions.canReadChannelAs(actor, channel, member))) throw forbidden();
  return { channel, member };
}

/** A channel member in wire form: the scheme flags rendered into the roles string. */
export function presentChannelMember(m: ChannelMembership): ChannelMembership & { explicit_roles: string; scheme_guest: boolean } {
  return { ...m, roles: memberRolesString(channelMemberRoles(m)), explicit_roles: m.roles, scheme_guest: false };
}
