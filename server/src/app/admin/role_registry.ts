import type { Scheme } from '@mattermost/types/schemes';
import { newId } from '../../model/id.js';
import type { ServerEvent } from '../../model/events.js';
import type { ChannelMembership, ChannelRecord, Role, TeamMemberRecord } from '../../model/types.js';
import type { AppDeps } from '../deps.js';
import { roleList, type RoleGrants } from '../permissions.js';
import { DEFAULT_ROLES } from './default_roles.js';

/** The events after which a node rereads roles and scheme assignments (they are sent to clients too). */
export const ROLE_UPDATED = 'role_updated';
export const UPDATE_TEAM_SCHEME = 'update_team_scheme';
export const CHANNEL_SCHEME_UPDATED = 'channel_scheme_updated';
const RELOADING_EVENTS = new Set([ROLE_UPDATED, UPDATE_TEAM_SCHEME, CHANNEL_SCHEME_UPDATED]);

/** Bounds the damage of a missed event (Redis pub/sub is at-most-once), as the session and posting caches do. */
const RELOAD_AFTER_MS = 30_000;

/**
 * The permissions Mattermost lets channel moderation take from members and guests, by the moderation name that
 * switches them (its ChannelModeratedPermissionsMap).
 */
export const MODERATED_PERMISSIONS: ReadonlyMap<string, string> = new Map([
  ['create_post', 'create_post'],
  ['add_reaction', 'create_reactions'], ['remove_reaction', 'create_reactions'],
  ['manage_public_channel_members', 'manage_members'], ['manage_private_channel_members', 'manage_members'],
  ['use_channel_mentions', 'use_channel_mentions'],
  ...['add', 'edit', 'delete', 'order'].flatMap((verb) => [
    [`${verb}_bookmark_public_channel`, 'manage_bookmarks'], [`${verb}_bookmark_private_channel`, 'manage_bookmarks'],
  ] as [string, string][]),
]);

/** The role names a member holds through its scheme flags, in the scheme that governs it. */
export interface SchemeRoleNames {
  guest: string;
  user: string;
  admin: string;
}

const SYSTEM_TEAM_ROLES: SchemeRoleNames = { guest: 'team_guest', user: 'team_user', admin: 'team_admin' };
const SYSTEM_CHANNEL_ROLES: SchemeRoleNames = { guest: 'channel_guest', user: 'channel_user', admin: 'channel_admin' };
const NONE: ReadonlySet<string> = new Set();

interface Snapshot {
  roles: Map<string, Role>;
  permissions: Map<string, ReadonlySet<string>>;
  schemes: Map<string, Scheme>;
  teamSchemes: Map<string, string>;
  channelSchemes: Map<string, string>;
}

/**
 * Every role's permissions and which team or channel follows which scheme, held in memory on each node so a
 * permission check reads nothing. A write reloads it on the writing node before it answers, and the event it
 * publishes reloads every other node.
 */
export class RoleRegistry implements RoleGrants {
  private snapshot: Snapshot = { roles: new Map(), permissions: new Map(), schemes: new Map(), teamSchemes: new Map(), channelSchemes: new Map() };
  /** Channel-scheme roles merged with the role above them, per pair of names; rebuilt after each reload. */
  private merged = new Map<string, ReadonlySet<string>>();
  private loadedAt = 0;
  private loading?: Promise<void>;
  private reloadAgain = false;

  constructor(private readonly deps: AppDeps) {
    deps.bus.subscribe((event: ServerEvent) => {
      if (RELOADING_EVENTS.has(event.event)) void this.reload();
    });
  }

  /** Seeds the built-in roles that are not stored yet, then loads everything. */
  async start(): Promise<void> {
    const now = Date.now();
    await this.deps.store.roles.insertMissing(DEFAULT_ROLES.map((r) => ({
      id: newId(), name: r.name, display_name: r.display_name, description: r.description, permissions: [...r.permissions],
      scheme_managed: r.scheme_managed, built_in: true, create_at: now, update_at: now, delete_at: 0,
    })));
    await this.reload();
  }

  /** Rereads roles and assignments; concurrent calls share one read, and a call during a read causes one more. */
  reload(): Promise<void> {
    if (this.loading) {
      this.reloadAgain = true;
      return this.loading;
    }
    this.loading = this.readAll().finally(() => {
      this.loading = undefined;
      if (this.reloadAgain) {
        this.reloadAgain = false;
        void this.reload();
      }
    });
    return this.loading;
  }

  private async readAll(): Promise<void> {
    const { store } = this.deps;
    const [roles, schemes, teams, channels] = await Promise.all([
      store.roles.list(), store.schemes.list({ offset: 0, limit: 1_000_000 }), store.schemes.teamAssignments(), store.schemes.channelAssignments(),
    ]);
    this.snapshot = {
      roles: new Map(roles.map((r) => [r.name, r])),
      permissions: new Map(roles.map((r) => [r.name, new Set(r.permissions)])),
      schemes: new Map(schemes.map((s) => [s.id, s])),
      teamSchemes: new Map(teams.map((t) => [t.id, t.scheme_id])),
      channelSchemes: new Map(channels.map((c) => [c.id, c.scheme_id])),
    };
    this.merged = new Map();
    this.loadedAt = Date.now();
  }

  private current(): Snapshot {
    if (Date.now() - this.loadedAt > RELOAD_AFTER_MS && !this.loading) {
      this.loadedAt = Date.now();
      void this.reload().catch((err: unknown) => this.deps.log.error({ err }, 'reloading roles failed'));
    }
    return this.snapshot;
  }

  role(name: string): Role | undefined {
    return this.current().roles.get(name);
  }

  roles(names: readonly string[]): Role[] {
    return names.map((name) => this.role(name)).filter((r): r is Role => r !== undefined);
  }

  scheme(id: string): Scheme | undefined {
    return id ? this.current().schemes.get(id) : undefined;
  }

  private permissionsOf(name: string): ReadonlySet<string> {
    return this.current().permissions.get(name) ?? NONE;
  }

  /** True when any of the named roles grants the permission. */
  grants(roleNames: readonly string[], permission: string): boolean {
    return roleNames.some((name) => this.permissionsOf(name).has(permission));
  }

  /** The team roles of a team's members: its team scheme's, else the system scheme's. */
  teamRoles(teamId: string): SchemeRoleNames {
    const scheme = this.scheme(this.current().teamSchemes.get(teamId) ?? '');
    return scheme ? { guest: scheme.default_team_guest_role, user: scheme.default_team_user_role, admin: scheme.default_team_admin_role } : SYSTEM_TEAM_ROLES;
  }

  /** The channel roles a team's scheme gives its channels (the scope above any channel moderation). */
  teamChannelRoles(teamId: string): SchemeRoleNames {
    const scheme = teamId ? this.scheme(this.current().teamSchemes.get(teamId) ?? '') : undefined;
    return scheme ? { guest: scheme.default_channel_guest_role, user: scheme.default_channel_user_role, admin: scheme.default_channel_admin_role } : SYSTEM_CHANNEL_ROLES;
  }

  /** The channel's own (moderation) scheme, if it has one. */
  channelScheme(channelId: string): Scheme | undefined {
    return this.scheme(this.current().channelSchemes.get(channelId) ?? '');
  }

  teamMemberGrants(member: TeamMemberRecord, permission: string): boolean {
    if (member.roles && this.grants(roleList(member.roles), permission)) return true;
    const roles = this.teamRoles(member.team_id);
    return (member.scheme_guest && this.permissionsOf(roles.guest).has(permission))
      || (member.scheme_user && this.permissionsOf(roles.user).has(permission))
      || (member.scheme_admin && this.permissionsOf(roles.admin).has(permission));
  }

  /**
   * A channel member's own grant: explicit roles, then the scheme roles. A channel with moderation keeps what the
   * scope above grants, less the moderated permissions its own role lacks; admins are never moderated (Mattermost).
   */
  channelMemberGrants(channel: Pick<ChannelRecord, 'id' | 'team_id'>, member: ChannelMembership & { scheme_guest?: boolean }, permission: string): boolean {
    if (member.roles && this.grants(roleList(member.roles), permission)) return true;
    const higher = this.teamChannelRoles(channel.team_id);
    const own = this.channelScheme(channel.id);
    const effective = (kind: keyof SchemeRoleNames): ReadonlySet<string> => {
      if (!own || kind === 'admin') return this.permissionsOf(higher[kind]);
      return this.moderated(own[`default_channel_${kind}_role`], higher[kind]);
    };
    return (member.scheme_guest === true && effective('guest').has(permission))
      || (member.scheme_user && effective('user').has(permission))
      || (member.scheme_admin && effective('admin').has(permission));
  }

  private moderated(ownRole: string, higherRole: string): ReadonlySet<string> {
    const key = `${ownRole} ${higherRole}`;
    let set = this.merged.get(key);
    if (!set) {
      const own = this.permissionsOf(ownRole);
      set = new Set([...this.permissionsOf(higherRole)].filter((p) => !MODERATED_PERMISSIONS.has(p) || own.has(p)));
      this.merged.set(key, set);
    }
    return set;
  }
}
