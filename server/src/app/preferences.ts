import { codePointLength } from '../model/code_points.js';
import { AppError, forbidden } from '../model/errors.js';
import { makeEvent } from '../model/events.js';
import { isValidId } from '../model/id.js';
import type { PreferenceType } from '../model/types.js';
import type { Actor } from './actor.js';
import type { CategoryService } from './categories.js';
import type { AppDeps } from './deps.js';
import type { Permissions } from './permissions.js';

const MAX_KEY = 32;
const MAX_VALUE = 2000;
/**
 * Characters one user's preferences may hold in all: far more than any client stores (about 100,000 saved posts),
 * but a bound, since every client reads them all at once and a user could otherwise make that answer gigabytes.
 */
const MAX_TOTAL = 4 * 1024 * 1024;
const FLAGGED_POST = 'flagged_post';
const THEME = 'theme';

const invalid = (field: string, message: string): AppError => new AppError(`model.preference.is_valid.${field}.app_error`, message, 400);

function validate(p: PreferenceType): void {
  if (!isValidId(p.user_id)) throw invalid('id', 'Invalid user id.');
  if (p.category.length === 0 || p.category.length > MAX_KEY) throw invalid('category', `Category must be 1 to ${MAX_KEY} characters.`);
  if (p.name.length > MAX_KEY) throw invalid('name', `Name must be at most ${MAX_KEY} characters.`);
  if (codePointLength(p.value) > MAX_VALUE) throw invalid('value', `Value must be at most ${MAX_VALUE} characters.`);
  if (p.category === THEME && !isStringMap(p.value)) throw invalid('theme', 'A theme must be a JSON object of strings.');
}

function isStringMap(text: string): boolean {
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === 'object' && value !== null && !Array.isArray(value) && Object.values(value).every((v) => typeof v === 'string');
  } catch {
    return false;
  }
}

/** Per-user key/value settings. Only the user (or an admin who may edit users) reads or writes them. */
export class PreferenceService {
  constructor(private readonly deps: AppDeps, private readonly permissions: Permissions, private readonly categories: CategoryService) {}

  private requireSelf(actor: Actor, userId: string): void {
    if (actor.userId !== userId) this.permissions.requireSystem(actor, 'edit_other_users');
  }

  list(actor: Actor, userId: string): Promise<PreferenceType[]> {
    this.requireSelf(actor, userId);
    return this.deps.store.preferences.list(userId);
  }

  async listCategory(actor: Actor, userId: string, category: string): Promise<PreferenceType[]> {
    this.requireSelf(actor, userId);
    const found = await this.deps.store.preferences.list(userId, category);
    if (found.length === 0) throw new AppError('api.preference.preferences_category.get.app_error', 'No preferences in that category.', 404);
    return found;
  }

  async get(actor: Actor, userId: string, category: string, name: string): Promise<PreferenceType> {
    this.requireSelf(actor, userId);
    const found = await this.deps.store.preferences.get(userId, category, name);
    if (!found) throw new AppError('app.preference.get.app_error', 'Preference not found.', 404);
    return found;
  }

  /** Saves the preferences; favourite channels move into (or out of) the favorites sidebar category with them. */
  async save(actor: Actor, userId: string, preferences: readonly PreferenceType[]): Promise<void> {
    this.requireSelf(actor, userId);
    this.requireOwn(userId, preferences, 'api.preference.update_preferences.set.app_error');
    for (const p of preferences) validate(p);
    await this.requireReadableFlaggedPosts(actor, preferences);
    const touched = await this.deps.store.transaction(async (store) => {
      await store.preferences.save(preferences);
      if ((await store.preferences.sizeForUser(userId)) > MAX_TOTAL) {
        throw new AppError('api.preference.update_preferences.limit.app_error', 'This account holds as many preferences as it may; delete some first.', 400);
      }
      return this.categories.applyFavoritePreferences(store, userId, preferences, false);
    });
    await this.categories.publishCategories(userId, touched);
    this.deps.bus.publish(makeEvent('preferences_changed', { preferences: JSON.stringify(preferences) }, { user_id: userId }));
  }

  async remove(actor: Actor, userId: string, preferences: readonly PreferenceType[]): Promise<void> {
    this.requireSelf(actor, userId);
    this.requireOwn(userId, preferences, 'api.preference.delete_preferences.delete.app_error');
    const touched = await this.deps.store.transaction(async (store) => {
      await store.preferences.remove(preferences);
      return this.categories.applyFavoritePreferences(store, userId, preferences, true);
    });
    await this.categories.publishCategories(userId, touched);
    this.deps.bus.publish(makeEvent('preferences_deleted', { preferences: JSON.stringify(preferences) }, { user_id: userId }));
  }

  private requireOwn(userId: string, preferences: readonly PreferenceType[], errorId: string): void {
    if (preferences.some((p) => p.user_id !== userId)) {
      throw new AppError(errorId, 'Preferences can only be changed for the user in the URL.', 403);
    }
  }

  /** Flagging (saving) a post needs read access to its channel. */
  private async requireReadableFlaggedPosts(actor: Actor, preferences: readonly PreferenceType[]): Promise<void> {
    for (const p of preferences.filter((x) => x.category === FLAGGED_POST)) {
      const post = isValidId(p.name) ? await this.deps.store.posts.get(p.name) : undefined;
      const channel = post && (await this.deps.store.channels.get(post.channel_id));
      if (!channel) throw new AppError('api.context.invalid_param.app_error', 'Invalid or missing preference.name parameter.', 400);
      if (!(await this.permissions.canReadChannel(actor, channel))) throw forbidden();
    }
  }
}
