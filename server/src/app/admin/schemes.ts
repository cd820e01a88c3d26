import type { Scheme, SchemeScope } from '@mattermost/types/schemes';
import { AppError, notFound } from '../../model/errors.js';
import { makeEvent } from '../../model/events.js';
import { newId } from '../../model/id.js';
import type { ChannelRecord, Role, Team } from '../../model/types.js';
import type { Store } from '../../store/store.js';
import type { Actor } from '../actor.js';
import type { AppDeps } from '../deps.js';
import type { Permissions } from '../permissions.js';
import { CHANNEL_SCHEME_UPDATED, MODERATED_PERMISSIONS, UPDATE_TEAM_SCHEME, type RoleRegistry } from './role_registry.js';
import { READ_PERMISSIONS, WRITE_PERMISSIONS, type RoleService } from './roles.js';

export interface SchemeInput {
  name?: string;
  display_name: string;
  description?: string;
  scope: SchemeScope;
}

export interface SchemePatch {
  name?: string;
  display_name?: string;
  description?: string;
}

type RoleKind = 'team_admin' | 'team_user' | 'team_guest' | 'channel_admin' | 'channel_user' | 'channel_guest';

const ROLE_DISPLAY: Record<RoleKind, string> = {
  team_admin: 'Team Admin Role for Scheme', team_user: 'Team User Role for Scheme', team_guest: 'Team Guest Role for Scheme',
  channel_admin: 'Channel Admin Role for Scheme', channel_user: 'Channel User Role for Scheme', channel_guest: 'Channel Guest Role for Scheme',
};

const invalidScheme = (detail: string): AppError => new AppError('app.scheme.save.invalid_scheme.app_error', `Invalid scheme: ${detail}.`, 400);
const nameTaken = (): AppError => invalidScheme('the name is taken');
const wrongScope = (id: string): AppError => new AppError(id, 'The scheme has the wrong scope for this.', 400);

function validate(scheme: Pick<Scheme, 'name' | 'display_name' | 'description'>): void {
  if (!/^[a-z0-9_]{2,64}$/.test(scheme.name)) throw invalidScheme('name must be 2-64 characters of a-z, 0-9 and _');
  if (scheme.display_name.trim() === '' || scheme.display_name.length > 128) throw invalidScheme('display_name must be 1-128 characters');
  if (scheme.description.length > 1024) throw invalidScheme('description must be at most 1024 characters');
}

/**
 * Team and channel permission schemes. Each scheme owns its roles, created with the system scheme's current
 * permissions (a channel scheme's member and guest roles keep only the moderated ones, as Mattermost's do).
 */
export class SchemeService {
  constructor(
    private readonly deps: AppDeps, private readonly permissions: Permissions, private readonly registry: RoleRegistry,
    private readonly roles: RoleService,
  ) {}

  private get store(): Store {
    return this.deps.store;
  }

  list(actor: Actor, scope: SchemeScope | undefined, page: { offset: number; limit: number }): Promise<Scheme[]> {
    this.permissions.requireSystem(actor, READ_PERMISSIONS);
    return this.store.schemes.list({ scope, ...page });
  }

  async get(actor: Actor, id: string): Promise<Scheme> {
    this.permissions.requireSystem(actor, READ_PERMISSIONS);
    return this.existing(id);
  }

  private async existing(id: string): Promise<Scheme> {
    const scheme = await this.store.schemes.get(id);
    if (!scheme) throw notFound('scheme');
    return scheme;
  }

  async create(actor: Actor, input: SchemeInput): Promise<Scheme> {
    this.permissions.requireSystem(actor, WRITE_PERMISSIONS);
    return this.createScheme(input);
  }

  /** Creates a scheme and its roles in one transaction (also used for a channel's moderation scheme). */
  async createScheme(input: SchemeInput): Promise<Scheme> {
    const now = Date.now();
    const base = { name: input.name || newId(), display_name: input.display_name, description: input.description ?? '' };
    validate(base);
    const roles = new Map<RoleKind, Role>();
    const kinds: RoleKind[] = input.scope === 'team'
      ? ['team_admin', 'team_user', 'team_guest', 'channel_admin', 'channel_user', 'channel_guest']
      : ['channel_admin', 'channel_user', 'channel_guest'];
    for (const kind of kinds) {
      const source = this.registry.role(kind)?.permissions ?? [];
      const permissions = input.scope === 'team' ? source
        : kind === 'channel_admin' ? [] : source.filter((p) => MODERATED_PERMISSIONS.has(p));
      roles.set(kind, {
        id: newId(), name: newId(), display_name: `${ROLE_DISPLAY[kind]} ${base.name}`, description: '', permissions: [...permissions],
        scheme_managed: true, built_in: false, create_at: now, update_at: now, delete_at: 0,
      });
    }
    const name = (kind: RoleKind): string => roles.get(kind)?.name ?? '';
    const scheme: Scheme = {
      id: newId(), ...base, scope: input.scope, create_at: now, update_at: now, delete_at: 0,
      default_team_admin_role: name('team_admin'), default_team_user_role: name('team_user'), default_team_guest_role: name('team_guest'),
      default_channel_admin_role: name('channel_admin'), default_channel_user_role: name('channel_user'),
      default_channel_guest_role: name('channel_guest'), default_playbook_admin_role: '', default_playbook_member_role: '', default_run_member_role: '',
    };
    await this.store.transaction(async (tx) => {
      if (await tx.schemes.getByName(scheme.name)) throw nameTaken();
      for (const role of roles.values()) await tx.roles.create(role);
      await tx.schemes.create(scheme);
    });
    await this.registry.reload();
    for (const role of roles.values()) this.roles.announce(role);
    return scheme;
  }

  async patch(actor: Actor, id: string, patch: SchemePatch): Promise<Scheme> {
    this.permissions.requireSystem(actor, WRITE_PERMISSIONS);
    const scheme = await this.existing(id);
    const next: Scheme = {
      ...scheme, name: patch.name ?? scheme.name, display_name: patch.display_name ?? scheme.display_name,
      description: patch.description ?? scheme.description, update_at: Date.now(),
    };
    validate(next);
    if (next.name !== scheme.name && await this.store.schemes.getByName(next.name)) throw nameTaken();
    await this.store.schemes.update(next);
    return next;
  }

  async delete(actor: Actor, id: string): Promise<void> {
    this.permissions.requireSystem(actor, WRITE_PERMISSIONS);
    await this.deleteScheme(await this.existing(id));
  }

  /** Deletes the scheme and its roles; its teams and channels go back to the system scheme, and are told. */
  async deleteScheme(scheme: Scheme): Promise<void> {
    const everything = { offset: 0, limit: 1_000_000 };
    const [teams, channels] = await Promise.all([this.store.schemes.teamsOf(scheme.id, everything), this.store.schemes.channelsOf(scheme.id, everything)]);
    const roleNames = [
      scheme.default_team_admin_role, scheme.default_team_user_role, scheme.default_team_guest_role,
      scheme.default_channel_admin_role, scheme.default_channel_user_role, scheme.default_channel_guest_role,
    ].filter(Boolean);
    await this.store.transaction(async (tx) => {
      await tx.roles.deleteByNames(roleNames);
      await tx.schemes.delete(scheme.id);
    });
    await this.registry.reload();
    for (const team of teams) this.announceTeam({ ...team, scheme_id: '' });
    for (const channel of channels) this.announceChannel(channel.id);
  }

  teamsOf(actor: Actor, id: string, page: { offset: number; limit: number }): Promise<Team[]> {
    return this.usersOf(actor, id, 'team', 'api.scheme.get_teams_for_scheme.scope.error', () => this.store.schemes.teamsOf(id, page));
  }

  channelsOf(actor: Actor, id: string, page: { offset: number; limit: number }): Promise<ChannelRecord[]> {
    return this.usersOf(actor, id, 'channel', 'api.scheme.get_channels_for_scheme.scope.error', () => this.store.schemes.channelsOf(id, page));
  }

  private async usersOf<T>(actor: Actor, id: string, scope: SchemeScope, scopeError: string, read: () => Promise<T>): Promise<T> {
    this.permissions.requireSystem(actor, READ_PERMISSIONS);
    if ((await this.existing(id)).scope !== scope) throw wrongScope(scopeError);
    return read();
  }

  /** PUT /teams/{id}/scheme: '' returns the team to the system scheme. */
  async setTeamScheme(actor: Actor, teamId: string, schemeId: string): Promise<void> {
    this.permissions.requireSystem(actor, WRITE_PERMISSIONS);
    const team = await this.store.teams.get(teamId);
    if (!team) throw notFound('team');
    if (schemeId && (await this.existing(schemeId)).scope !== 'team') throw wrongScope('api.team.update_team_scheme.scheme_scope.error');
    await this.store.schemes.setTeamScheme(teamId, schemeId);
    await this.registry.reload();
    this.announceTeam({ ...team, scheme_id: schemeId });
  }

  /** PUT /channels/{id}/scheme: '' returns the channel to its team's scheme. */
  async setChannelScheme(actor: Actor, channelId: string, schemeId: string): Promise<void> {
    this.permissions.requireSystem(actor, 'manage_system');
    const channel = await this.store.channels.get(channelId);
    if (!channel) throw notFound('channel');
    if (schemeId && (await this.existing(schemeId)).scope !== 'channel') throw wrongScope('api.channel.update_channel_scheme.scheme_scope.error');
    await this.assignChannelScheme(channelId, schemeId);
  }

  async assignChannelScheme(channelId: string, schemeId: string): Promise<void> {
    await this.store.schemes.setChannelScheme(channelId, schemeId);
    await this.registry.reload();
    this.announceChannel(channelId);
  }

  private announceTeam(team: Team): void {
    this.deps.bus.publish(makeEvent(UPDATE_TEAM_SCHEME, { team: JSON.stringify(team) }, { team_id: team.id }));
  }

  private announceChannel(channelId: string): void {
    this.deps.bus.publish(makeEvent(CHANNEL_SCHEME_UPDATED, {}, { channel_id: channelId }));
  }
}
