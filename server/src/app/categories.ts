import { AppError, badBodyParam, forbidden } from '../model/errors.js';
import { makeEvent } from '../model/events.js';
import { newId } from '../model/id.js';
import type { CategoryRecord, ChannelRecord, PreferenceType } from '../model/types.js';
import type { Store } from '../store/store.js';
import type { Actor } from './actor.js';
import type { AppDeps } from './deps.js';
import type { Permissions } from './permissions.js';

/** The preference Mattermost clients set for a favourite channel (name = channel id, value "true"). */
export const FAVORITE_CHANNEL = 'favorite_channel';

/** A sidebar category as sent to clients. */
export interface SidebarCategory {
  id: string;
  user_id: string;
  team_id: string;
  type: CategoryRecord['type'];
  display_name: string;
  sorting: CategoryRecord['sorting'];
  channel_ids: string[];
  muted: boolean;
  collapsed: boolean;
}

export interface OrderedSidebarCategories {
  categories: SidebarCategory[];
  order: string[];
}

export interface CategoryInput {
  display_name?: string;
  sorting?: string;
  muted?: boolean;
  collapsed?: boolean;
  channel_ids?: string[];
}

export interface CategoryUpdate extends CategoryInput {
  id: string;
}

/** Applies a category's mute to its channels' memberships. */
export interface ChannelMuter {
  setMuted(userId: string, channelIds: readonly string[], muted: boolean): Promise<void>;
}

const DEFAULT_CATEGORIES = [
  { type: 'favorites', display_name: 'Favorites', sorting: '', sort_order: 0 },
  { type: 'channels', display_name: 'Channels', sorting: '', sort_order: 10 },
  { type: 'direct_messages', display_name: 'Direct Messages', sorting: 'recent', sort_order: 20 },
] as const;
const SORT_STEP = 10;
const SORTINGS: readonly string[] = ['', 'alpha', 'recent', 'manual'];
const MAX_DISPLAY_NAME = 64;
/**
 * Categories one user may have in a team, the three defaults included: as many as one update may carry, and a bound
 * on the work of a create, which renumbers every category.
 */
const MAX_CATEGORIES = 200;

const categoryError = (status: number, message: string): AppError => new AppError('app.channel.sidebar_categories.app_error', message, status);
const isDirectOrGroup = (channel: ChannelRecord): boolean => channel.type === 'D' || channel.type === 'G';
const byDisplayName = (a: ChannelRecord, b: ChannelRecord): number => a.display_name.localeCompare(b.display_name) || a.name.localeCompare(b.name);

/** One user's sidebar in one team, as stored: categories in order, their explicit channels, the user's channels there. */
interface Sidebar {
  records: CategoryRecord[];
  explicit: Map<string, string[]>;
  channels: Map<string, ChannelRecord>;
}

/** Where each channel sits and whether that category is muted. */
type Placement = Map<string, { categoryId: string; muted: boolean }>;

/**
 * Sidebar categories per user and team. Favorites, Channels and Direct Messages exist for everyone (created on
 * first read); channels not placed explicitly fall into Channels or Direct Messages. The favorites category and
 * the favorite_channel preferences are kept in step in both directions.
 */
export class CategoryService {
  constructor(private readonly deps: AppDeps, private readonly permissions: Permissions, private readonly muter: ChannelMuter) {}

  async list(actor: Actor, userId: string, teamId: string): Promise<OrderedSidebarCategories> {
    await this.requireAccess(actor, userId, teamId);
    const categories = this.compose(await this.load(this.deps.store, userId, teamId));
    return { categories, order: categories.map((c) => c.id) };
  }

  async getOrder(actor: Actor, userId: string, teamId: string): Promise<string[]> {
    return (await this.list(actor, userId, teamId)).order;
  }

  async get(actor: Actor, userId: string, teamId: string, categoryId: string): Promise<SidebarCategory> {
    const { categories } = await this.list(actor, userId, teamId);
    const category = categories.find((c) => c.id === categoryId);
    if (!category) throw forbidden();
    return category;
  }

  /** A custom category, placed right after Favorites when that comes first, else at the top. */
  async create(actor: Actor, userId: string, teamId: string, input: CategoryInput): Promise<SidebarCategory> {
    await this.requireAccess(actor, userId, teamId);
    const displayName = validDisplayName(input.display_name ?? '');
    const before = await this.load(this.deps.store, userId, teamId);
    if (before.records.length >= MAX_CATEGORIES) {
      throw new AppError('api.category.create.limit.app_error', `A team's sidebar may have at most ${MAX_CATEGORIES} categories.`, 400);
    }
    const record: CategoryRecord = {
      id: newId(), user_id: userId, team_id: teamId, type: 'custom', display_name: displayName, sorting: validSorting(input.sorting),
      muted: input.muted ?? false, collapsed: input.collapsed ?? false, sort_order: 0,
    };
    const order = [...before.records];
    order.splice(order[0]?.type === 'favorites' ? 1 : 0, 0, record);
    const channelIds = this.memberChannels(before, input.channel_ids ?? []);
    const favorites = await this.deps.store.transaction(async (store) => {
      for (const [i, category] of order.entries()) await store.categories.save({ ...category, sort_order: i * SORT_STEP });
      await this.takeFromOthers(store, before, channelIds, [record.id]);
      await store.categories.setChannels(userId, record.id, channelIds);
      return this.syncFavoritePreferences(store, userId, teamId, before, await this.load(store, userId, teamId));
    });
    const after = await this.afterChange(userId, teamId, before, favorites);
    this.deps.bus.publish(makeEvent('sidebar_category_created', { category_id: record.id }, { user_id: userId, team_id: teamId }));
    return this.pick(after, record.id);
  }

  /** Updates several categories at once; channels listed in one leave whatever category held them before. */
  async update(actor: Actor, userId: string, teamId: string, updates: readonly CategoryUpdate[]): Promise<SidebarCategory[]> {
    await this.requireAccess(actor, userId, teamId);
    const before = await this.load(this.deps.store, userId, teamId);
    const byId = new Map(before.records.map((r) => [r.id, r]));
    if (new Set(updates.map((u) => u.id)).size !== updates.length || updates.some((u) => !byId.has(u.id))) throw badBodyParam('category');
    const claimed = new Set<string>();
    const planned = updates.map((update) => {
      const current = byId.get(update.id) as CategoryRecord;
      const isDirect = current.type === 'direct_messages';
      const record: CategoryRecord = {
        ...current,
        display_name: current.type === 'custom' && update.display_name !== undefined ? validDisplayName(update.display_name) : current.display_name,
        sorting: update.sorting === undefined ? current.sorting : validSorting(update.sorting),
        // Direct messages cannot be muted as a category.
        muted: isDirect ? current.muted : (update.muted ?? current.muted),
        collapsed: update.collapsed ?? current.collapsed,
      };
      const channelIds = update.channel_ids === undefined ? [...(before.explicit.get(current.id) ?? [])]
        : this.memberChannels(before, update.channel_ids).filter((id) => !claimed.has(id));
      for (const id of channelIds) claimed.add(id);
      // The Direct Messages category keeps no stored order: its channels are simply the unplaced DMs.
      return { record, channelIds, stored: isDirect ? [] : channelIds };
    });
    const favorites = await this.deps.store.transaction(async (store) => {
      // Rows in id order, so concurrent updates of the same categories lock them in the same order.
      for (const { record } of [...planned].sort((a, b) => a.record.id.localeCompare(b.record.id))) await store.categories.save(record);
      await this.takeFromOthers(store, before, [...claimed], planned.map((p) => p.record.id));
      for (const { record, stored } of planned) await store.categories.setChannels(userId, record.id, stored);
      return this.syncFavoritePreferences(store, userId, teamId, before, await this.load(store, userId, teamId));
    });
    const after = await this.afterChange(userId, teamId, before, favorites);
    return planned.map((p) => this.pick(after, p.record.id));
  }

  async updateOrder(actor: Actor, userId: string, teamId: string, order: readonly string[]): Promise<string[]> {
    await this.requireAccess(actor, userId, teamId);
    const { records } = await this.load(this.deps.store, userId, teamId);
    const byId = new Map(records.map((r) => [r.id, r]));
    if (order.length !== records.length || new Set(order).size !== order.length || order.some((id) => !byId.has(id))) {
      throw categoryError(400, 'The new order must list each of the user\'s categories exactly once.');
    }
    await this.deps.store.transaction(async (store) => {
      for (const [i, id] of order.entries()) await store.categories.save({ ...(byId.get(id) as CategoryRecord), sort_order: i * SORT_STEP });
    });
    this.deps.bus.publish(makeEvent('sidebar_category_order_updated', { order: [...order] }, { user_id: userId, team_id: teamId }));
    return [...order];
  }

  /** Deletes a custom category; its channels fall back into Channels and Direct Messages. */
  async remove(actor: Actor, userId: string, teamId: string, categoryId: string): Promise<void> {
    await this.requireAccess(actor, userId, teamId);
    const category = await this.deps.store.categories.get(categoryId);
    if (!category || category.user_id !== userId || category.team_id !== teamId) throw forbidden();
    if (category.type !== 'custom') throw categoryError(400, 'Only custom categories can be deleted.');
    await this.deps.store.categories.remove(categoryId);
    this.deps.bus.publish(makeEvent('sidebar_category_deleted', { category_id: categoryId }, { user_id: userId, team_id: teamId }));
  }

  /** Leaving a team drops the user's sidebar there, as Mattermost does. */
  onTeamLeft(teamId: string, userId: string): Promise<void> {
    return this.deps.store.categories.removeForTeam(userId, teamId);
  }

  /**
   * Follows favorite_channel preferences into the favorites categories (DMs and GMs in every team of the user).
   * Returns the teams whose sidebar changed. Runs inside the caller's transaction.
   */
  async applyFavoritePreferences(store: Store, userId: string, preferences: readonly PreferenceType[], deleted: boolean): Promise<Set<string>> {
    const touched = new Set<string>();
    for (const preference of preferences) {
      if (preference.category !== FAVORITE_CHANNEL) continue;
      const favorite = !deleted && preference.value !== 'false';
      for (const teamId of await this.applyFavorite(store, userId, preference.name, favorite)) touched.add(teamId);
    }
    return touched;
  }

  /** Tells the user's clients about the current categories of each team. */
  async publishCategories(userId: string, teamIds: Iterable<string>): Promise<void> {
    for (const teamId of teamIds) {
      const categories = this.compose(await this.load(this.deps.store, userId, teamId));
      this.deps.bus.publish(makeEvent('sidebar_category_updated', { updatedCategories: JSON.stringify(categories) }, { user_id: userId, team_id: teamId }));
    }
  }

  private async requireAccess(actor: Actor, userId: string, teamId: string): Promise<void> {
    if (actor.userId !== userId) this.permissions.requireSystem(actor, 'edit_other_users');
    const member = await this.deps.store.teams.getMember(teamId, userId);
    if (!member || member.delete_at > 0) throw forbidden();
  }

  /** The stored sidebar, creating the default categories (seeded from favourite preferences) when missing. */
  private async load(store: Store, userId: string, teamId: string): Promise<Sidebar> {
    const channels = new Map((await store.channels.listForUser(userId, { teamId, includeDeleted: true })).map((c) => [c.id, c]));
    let records = await store.categories.list(userId, teamId);
    if (DEFAULT_CATEGORIES.some((d) => !records.some((r) => r.type === d.type))) {
      await this.createDefaults(store, userId, teamId, records, channels);
      records = await store.categories.list(userId, teamId);
    }
    const stored = await store.categories.channelIds(records.map((r) => r.id));
    const explicit = new Map([...stored].map(([id, ids]) => [id, ids.filter((c) => channels.has(c))]));
    return { records, explicit, channels };
  }

  private async createDefaults(store: Store, userId: string, teamId: string, existing: CategoryRecord[], channels: Map<string, ChannelRecord>): Promise<void> {
    await store.transaction(async (tx) => {
      for (const def of DEFAULT_CATEGORIES) {
        if (existing.some((r) => r.type === def.type)) continue;
        // Deterministic ids: two first reads racing create the same rows, not duplicates.
        const id = `${def.type}_${userId}_${teamId}`;
        await tx.categories.save({ id, user_id: userId, team_id: teamId, muted: false, collapsed: false, ...def });
        if (def.type !== 'favorites') continue;
        const favorites = (await tx.preferences.list(userId, FAVORITE_CHANNEL)).filter((p) => p.value === 'true');
        const favoriteChannels = favorites.map((p) => channels.get(p.name)).filter((c): c is ChannelRecord => c !== undefined);
        await tx.categories.setChannels(userId, id, favoriteChannels.sort(byDisplayName).map((c) => c.id));
      }
    }).catch(async (err: unknown) => {
      // A concurrent first read created them: fine. Anything else is a real failure.
      const now = await store.categories.list(userId, teamId);
      if (DEFAULT_CATEGORIES.some((d) => !now.some((r) => r.type === d.type))) throw err;
    });
  }

  /** Categories as clients see them: explicit channels first claimed, the rest added to Channels / Direct Messages. */
  private compose(sidebar: Sidebar): SidebarCategory[] {
    const placed = new Set<string>();
    const categories = sidebar.records.map((r): SidebarCategory => {
      const channelIds: string[] = [];
      for (const id of sidebar.explicit.get(r.id) ?? []) {
        if (placed.has(id)) continue;
        placed.add(id);
        channelIds.push(id);
      }
      return {
        id: r.id, user_id: r.user_id, team_id: r.team_id, type: r.type, display_name: r.display_name, sorting: r.sorting,
        channel_ids: channelIds, muted: r.muted, collapsed: r.collapsed,
      };
    });
    const unplaced = [...sidebar.channels.values()].filter((c) => !placed.has(c.id) && c.delete_at === 0).sort(byDisplayName);
    for (const category of categories) {
      if (category.type === 'channels') category.channel_ids.unshift(...unplaced.filter((c) => !isDirectOrGroup(c)).map((c) => c.id));
      if (category.type === 'direct_messages') category.channel_ids.unshift(...unplaced.filter(isDirectOrGroup).map((c) => c.id));
    }
    return categories;
  }

  private pick(categories: SidebarCategory[], id: string): SidebarCategory {
    const found = categories.find((c) => c.id === id);
    if (!found) throw forbidden();
    return found;
  }

  /** The requested channels the user is a member of here, once each, in order. */
  private memberChannels(sidebar: Sidebar, channelIds: readonly string[]): string[] {
    return [...new Set(channelIds)].filter((id) => sidebar.channels.has(id));
  }

  /** Removes the channels from every category except `keep`. */
  private async takeFromOthers(store: Store, sidebar: Sidebar, channelIds: readonly string[], keep: readonly string[]): Promise<void> {
    const moving = new Set(channelIds);
    for (const record of sidebar.records) {
      const stored = sidebar.explicit.get(record.id) ?? [];
      if (keep.includes(record.id) || !stored.some((id) => moving.has(id))) continue;
      await store.categories.setChannels(record.user_id, record.id, stored.filter((id) => !moving.has(id)));
    }
  }

  /**
   * Saves favorite_channel = true for channels that entered Favorites and deletes it for those that left;
   * DMs and GMs follow into (or out of) the favorites of the user's other teams. Returns what changed.
   */
  private async syncFavoritePreferences(store: Store, userId: string, teamId: string, before: Sidebar, after: Sidebar): Promise<FavoriteChanges> {
    const favoritesOf = (sidebar: Sidebar): Set<string> =>
      new Set(this.compose(sidebar).find((c) => c.type === 'favorites')?.channel_ids ?? []);
    const [was, is] = [favoritesOf(before), favoritesOf(after)];
    const preference = (channelId: string, value: string): PreferenceType => ({ user_id: userId, category: FAVORITE_CHANNEL, name: channelId, value });
    const changes: FavoriteChanges = {
      saved: [...is].filter((id) => !was.has(id)).map((id) => preference(id, 'true')),
      deleted: [...was].filter((id) => !is.has(id)).map((id) => preference(id, 'false')),
      teams: new Set(),
    };
    await store.preferences.save(changes.saved);
    await store.preferences.remove(changes.deleted);
    for (const p of [...changes.saved, ...changes.deleted]) {
      const channel = after.channels.get(p.name) ?? before.channels.get(p.name);
      if (!channel || !isDirectOrGroup(channel)) continue;
      for (const other of await this.applyFavorite(store, userId, p.name, p.value === 'true', teamId)) changes.teams.add(other);
    }
    return changes;
  }

  /** Puts the channel at the top of (or takes it out of) the favorites category of each relevant team. */
  private async applyFavorite(store: Store, userId: string, channelId: string, favorite: boolean, skipTeamId?: string): Promise<string[]> {
    const channel = await store.channels.get(channelId);
    if (!channel) return [];
    const teamIds = channel.team_id ? [channel.team_id] : (await store.teams.listMembersForUser(userId)).map((m) => m.team_id);
    const touched: string[] = [];
    for (const teamId of teamIds.filter((id) => id !== skipTeamId)) {
      const records = await store.categories.list(userId, teamId);
      const favorites = records.find((r) => r.type === 'favorites');
      // Without categories yet, the favorites category is seeded from the preferences when first read.
      if (!favorites) continue;
      const stored = await store.categories.channelIds(records.map((r) => r.id));
      const current = stored.get(favorites.id) ?? [];
      if (current.includes(channelId) === favorite) continue;
      if (favorite) {
        await this.takeFromOthers(store, { records, explicit: stored, channels: new Map() }, [channelId], [favorites.id]);
        await store.categories.setChannels(userId, favorites.id, [channelId, ...current]);
      } else {
        await store.categories.setChannels(userId, favorites.id, current.filter((id) => id !== channelId));
      }
      touched.push(teamId);
    }
    return touched;
  }

  /** After a committed change: mute to match the categories, then tell the user's clients. */
  private async afterChange(userId: string, teamId: string, before: Sidebar, favorites: FavoriteChanges): Promise<SidebarCategory[]> {
    const previous = this.compose(before);
    const after = this.compose(await this.load(this.deps.store, userId, teamId));
    await this.applyMuting(userId, previous, after);
    const previousJson = new Map(previous.map((c) => [c.id, JSON.stringify(c)]));
    const changed = after.filter((c) => previousJson.get(c.id) !== JSON.stringify(c));
    if (changed.length > 0) {
      this.deps.bus.publish(makeEvent('sidebar_category_updated', { updatedCategories: JSON.stringify(changed) }, { user_id: userId, team_id: teamId }));
    }
    await this.publishCategories(userId, favorites.teams);
    if (favorites.saved.length > 0) this.deps.bus.publish(makeEvent('preferences_changed', { preferences: JSON.stringify(favorites.saved) }, { user_id: userId }));
    if (favorites.deleted.length > 0) this.deps.bus.publish(makeEvent('preferences_deleted', { preferences: JSON.stringify(favorites.deleted) }, { user_id: userId }));
    return after;
  }

  /** A channel whose category mute changed (category muted/unmuted, or moved across) takes the new mute. */
  private async applyMuting(userId: string, before: SidebarCategory[], after: SidebarCategory[]): Promise<void> {
    const placement = (categories: SidebarCategory[]): Placement =>
      new Map(categories.flatMap((c) => c.channel_ids.map((id) => [id, { categoryId: c.id, muted: c.muted }] as const)));
    const was = placement(before);
    const toMute: string[] = [];
    const toUnmute: string[] = [];
    for (const [channelId, now] of placement(after)) {
      const previous = was.get(channelId);
      if (!previous || previous.muted === now.muted) continue;
      (now.muted ? toMute : toUnmute).push(channelId);
    }
    if (toMute.length > 0) await this.muter.setMuted(userId, toMute, true);
    if (toUnmute.length > 0) await this.muter.setMuted(userId, toUnmute, false);
  }
}

interface FavoriteChanges {
  saved: PreferenceType[];
  deleted: PreferenceType[];
  /** Other teams whose favorites followed a DM or GM. */
  teams: Set<string>;
}

function validDisplayName(name: string): string {
  const trimmed = name.trim();
  if (trimmed.length === 0 || trimmed.length > MAX_DISPLAY_NAME) throw badBodyParam('display_name');
  return trimmed;
}

function validSorting(sorting: string | undefined): CategoryRecord['sorting'] {
  if (sorting === undefined) return '';
  if (!SORTINGS.includes(sorting)) throw badBodyParam('sorting');
  return sorting as CategoryRecord['sorting'];
}
