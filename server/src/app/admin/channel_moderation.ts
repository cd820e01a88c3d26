import type { ChannelModeration, ChannelModerationPatch } from '@mattermost/types/channels';
import type { Scheme } from '@mattermost/types/schemes';
import { AppError, badBodyParam, notFound } from '../../model/errors.js';
import type { ChannelRecord, Role } from '../../model/types.js';
import type { Actor } from '../actor.js';
import type { AppDeps } from '../deps.js';
import type { Permissions } from '../permissions.js';
import { MODERATED_PERMISSIONS, type RoleRegistry } from './role_registry.js';
import type { RoleService } from './roles.js';
import type { SchemeService } from './schemes.js';

/** Mattermost's moderation names, in the order it lists them. */
export const MODERATION_NAMES = ['create_post', 'create_reactions', 'manage_members', 'use_channel_mentions', 'manage_bookmarks'] as const;
/** Guests can never manage members or bookmarks, so those two have no guest switch. */
const MEMBERS_ONLY = new Set(['manage_members', 'manage_bookmarks']);

/** The moderation names a role's permissions switch on in a channel of this type (Mattermost's GetChannelModeratedPermissions). */
function moderationsOf(permissions: readonly string[] | undefined, type: ChannelRecord['type']): Set<string> {
  // Members and bookmarks are switched by the permission for the channel's own privacy (bookmarks by the "add" one).
  const switchOf: Record<string, string> = type === 'O'
    ? { manage_members: 'manage_public_channel_members', manage_bookmarks: 'add_bookmark_public_channel' }
    : { manage_members: 'manage_private_channel_members', manage_bookmarks: 'add_bookmark_private_channel' };
  const on = new Set<string>();
  for (const permission of permissions ?? []) {
    const name = MODERATED_PERMISSIONS.get(permission);
    if (name !== undefined && (switchOf[name] === undefined || switchOf[name] === permission)) on.add(name);
  }
  return on;
}

/** A channel-scheme role's permissions after a patch: its moderated permissions, less those switched off, plus those switched on. */
function patchedPermissions(role: Role, patches: readonly ChannelModerationPatch[], who: 'members' | 'guests'): string[] {
  const switchedTo = new Map(patches.filter((p) => p.roles[who] !== undefined).map((p) => [p.name, p.roles[who] === true]));
  const kept = role.permissions.filter((p) => {
    const name = MODERATED_PERMISSIONS.get(p);
    return name !== undefined && switchedTo.get(name) !== false;
  });
  const added = [...MODERATED_PERMISSIONS].filter(([, name]) => switchedTo.get(name) === true).map(([permission]) => permission);
  return [...new Set([...kept, ...added])];
}

const sameModerations = (a: Set<string>, b: Set<string>): boolean => a.size === b.size && [...a].every((name) => b.has(name));

/**
 * Channel moderation: who may post, react, manage members, mention the channel and manage bookmarks in one channel.
 * Stored as Mattermost does, as a channel scheme whose member and guest roles hold the moderated permissions left on;
 * the scheme is created by the first patch and deleted when a patch makes the channel match its team again.
 */
export class ChannelModerationService {
  constructor(
    private readonly deps: AppDeps, private readonly permissions: Permissions, private readonly registry: RoleRegistry,
    private readonly roles: RoleService, private readonly schemes: SchemeService,
  ) {}

  async get(actor: Actor, channelId: string): Promise<ChannelModeration[]> {
    this.permissions.requireSystem(actor, 'sysconsole_read_user_management_channels');
    return this.build(await this.moderatable(channelId));
  }

  async patch(actor: Actor, channelId: string, patches: readonly ChannelModerationPatch[]): Promise<ChannelModeration[]> {
    this.permissions.requireSystem(actor, 'sysconsole_write_user_management_channels');
    const channel = await this.moderatable(channelId);
    if (patches.some((p) => !(MODERATION_NAMES as readonly string[]).includes(p.name))) throw badBodyParam('name');
    const higher = this.registry.teamChannelRoles(channel.team_id);
    const higherMembers = moderationsOf(this.registry.role(higher.user)?.permissions, channel.type);
    const higherGuests = moderationsOf(this.registry.role(higher.guest)?.permissions, channel.type);
    // Moderation only takes away: what the team's scheme withholds cannot be given in one channel.
    if (patches.some((p) => (p.roles.members === true && !higherMembers.has(p.name)) || (p.roles.guests === true && !higherGuests.has(p.name)))) {
      throw new AppError('api.channel.patch_channel_moderations_for_channel.restricted_permission.app_error', 'The permission is not granted by the higher scope.', 403);
    }
    const scheme = this.registry.channelScheme(channel.id) ?? await this.createChannelScheme(channel.id);
    const memberRole = this.registry.role(scheme.default_channel_user_role);
    const guestRole = this.registry.role(scheme.default_channel_guest_role);
    if (!memberRole || !guestRole) throw notFound('role');
    const members = patchedPermissions(memberRole, patches, 'members');
    const guests = patchedPermissions(guestRole, patches, 'guests');
    if (sameModerations(moderationsOf(members, channel.type), higherMembers) && sameModerations(moderationsOf(guests, channel.type), higherGuests)) {
      await this.schemes.deleteScheme(scheme);
    } else {
      await this.roles.writePermissions(memberRole, members);
      await this.roles.writePermissions(guestRole, guests);
    }
    return this.build(channel);
  }

  private async createChannelScheme(channelId: string): Promise<Scheme> {
    const scheme = await this.schemes.createScheme({ display_name: `Channel moderation ${channelId}`, scope: 'channel' });
    await this.schemes.assignChannelScheme(channelId, scheme.id);
    return scheme;
  }

  private async moderatable(channelId: string): Promise<ChannelRecord> {
    const channel = await this.deps.store.channels.get(channelId);
    if (!channel) throw notFound('channel');
    if (channel.type !== 'O' && channel.type !== 'P') {
      throw new AppError('api.channel.patch_channel_moderations.invalid_channel_type.app_error', 'Only public and private channels are moderated.', 400);
    }
    return channel;
  }

  private build(channel: ChannelRecord): ChannelModeration[] {
    const higher = this.registry.teamChannelRoles(channel.team_id);
    const own = this.registry.channelScheme(channel.id);
    const of = (name: string): Set<string> => moderationsOf(this.registry.role(name)?.permissions, channel.type);
    const higherMembers = of(higher.user);
    const higherGuests = of(higher.guest);
    const members = own ? of(own.default_channel_user_role) : higherMembers;
    const guests = own ? of(own.default_channel_guest_role) : higherGuests;
    return MODERATION_NAMES.map((name) => ({
      name,
      roles: {
        members: { value: members.has(name), enabled: higherMembers.has(name) },
        ...(MEMBERS_ONLY.has(name) ? {} : { guests: { value: guests.has(name), enabled: higherGuests.has(name) } }),
      },
    })) as ChannelModeration[];
  }
}
