import type { Bot } from '@mattermost/types/bots';
import { AppError, badBodyParam, forbidden } from '../../model/errors.js';
import { makeEvent } from '../../model/events.js';
import type { UserRecord } from '../../model/types.js';
import type { BotRecord } from '../../store/integrations/bots.js';
import type { Actor } from '../actor.js';
import type { AppDeps } from '../deps.js';
import { hashPassword } from '../passwords.js';
import type { Permissions } from '../permissions.js';
import { newUserRecord, validateUsername } from '../user_fields.js';
import type { UserPatch, UserService } from '../users.js';

/** What a bot's creator or manager may set (Mattermost's BotPatch). */
export interface BotPatch {
  username?: string;
  display_name?: string;
  description?: string;
}

export interface BotListQuery {
  page: number;
  perPage: number;
  includeDeleted: boolean;
  onlyOrphaned: boolean;
}

const MAX_DISPLAY_NAME = 64;
const MAX_DESCRIPTION = 1024;

/** Upstream answers "no such bot" both for a missing bot and for one the caller may not see, so neither leaks. */
export const botNotFound = (): AppError => new AppError('store.sql_bot.get.missing.app_error', 'Unable to find the bot.', 404);

const usernameTaken = (): AppError => new AppError('app.user.save.username_exists.app_error', 'An account with that username already exists.', 400);

/**
 * Bot accounts: a user row with is_bot set (its username and display name, which is the user's first name) and a bot
 * row (description, owner). Bots authenticate with personal access tokens only; disabling a bot deactivates its user,
 * which ends its sessions and closes its sockets on every node.
 */
export class BotService {
  constructor(private readonly deps: AppDeps, private readonly permissions: Permissions, private readonly users: UserService) {}

  async create(actor: Actor, patch: BotPatch): Promise<Bot> {
    this.permissions.requireSystem(actor, 'create_bot');
    // A bot may not make bots, whatever its roles.
    if ((await this.users.get(actor.userId)).is_bot) throw forbidden();
    if (!this.deps.liveConfig.document.ServiceSettings.EnableBotAccountCreation) {
      throw new AppError('api.bot.create_disabled', 'Bot creation has been disabled.', 403);
    }
    const username = normalizedUsername(patch.username ?? '');
    const displayName = patch.display_name ?? '';
    const description = patch.description ?? '';
    validateBotFields(displayName, description);
    if (await this.deps.store.users.getByUsername(username)) throw usernameTaken();
    const now = Date.now();
    const user = botUser(username, displayName, now);
    const bot: BotRecord = { user_id: user.id, description, owner_id: actor.userId, last_icon_update: 0, create_at: now, update_at: now, delete_at: 0 };
    try {
      await this.deps.store.transaction(async (store) => {
        await store.users.create(user);
        await store.bots.create(bot);
      });
    } catch {
      // A concurrent sign-up or bot took the name between our check and the insert.
      throw usernameTaken();
    }
    this.deps.bus.publish(makeEvent('new_user', { user_id: user.id }, {}));
    return this.found(user.id, false);
  }

  /**
   * The server's own bot (upstream's `system-bot`), which sends users what the server has to tell them in a DM
   * (reminders). Made on first use, owned by itself; a concurrent first use on another node wins harmlessly.
   */
  async ensureSystemBot(): Promise<UserRecord> {
    const existing = await this.deps.store.users.getByUsername(SYSTEM_BOT_USERNAME);
    if (existing) return systemBotOrRefuse(existing);
    const now = Date.now();
    const user = botUser(SYSTEM_BOT_USERNAME, 'System', now);
    const bot: BotRecord = { user_id: user.id, description: 'Sends messages from the server.', owner_id: user.id, last_icon_update: 0, create_at: now, update_at: now, delete_at: 0 };
    try {
      await this.deps.store.transaction(async (store) => {
        await store.users.create(user);
        await store.bots.create(bot);
      });
      this.deps.bus.publish(makeEvent('new_user', { user_id: user.id }, {}));
      return user;
    } catch (err) {
      const raced = await this.deps.store.users.getByUsername(SYSTEM_BOT_USERNAME);
      if (raced) return systemBotOrRefuse(raced);
      throw err;
    }
  }

  /** As upstream: owners need read_bots, others read_others_bots; anyone else is told there is no such bot. */
  async get(actor: Actor, botUserId: string, includeDeleted: boolean): Promise<Bot> {
    const bot = await this.found(botUserId, includeDeleted);
    if (this.permissions.hasSystem(actor, 'read_others_bots')) return bot;
    if (bot.owner_id === actor.userId && this.permissions.hasSystem(actor, 'read_bots')) return bot;
    throw botNotFound();
  }

  /** Every bot with read_others_bots; the caller's own with read_bots. */
  list(actor: Actor, query: BotListQuery): Promise<Bot[]> {
    let ownerId: string | undefined;
    if (!this.permissions.hasSystem(actor, 'read_others_bots')) {
      this.permissions.requireSystem(actor, 'read_bots');
      ownerId = actor.userId;
    }
    return this.deps.store.bots.list({
      ownerId, includeDeleted: query.includeDeleted, onlyOrphaned: query.onlyOrphaned, offset: query.page * query.perPage, limit: query.perPage,
    });
  }

  async patch(actor: Actor, botUserId: string, patch: BotPatch): Promise<Bot> {
    const bot = await this.requireManage(actor, botUserId);
    const user = await this.users.get(botUserId);
    const username = patch.username === undefined ? user.username : normalizedUsername(patch.username);
    const displayName = patch.display_name ?? user.first_name;
    const description = patch.description ?? bot.description ?? '';
    validateBotFields(displayName, description);
    if (username !== user.username) {
      const taken = await this.deps.store.users.getByUsername(username);
      if (taken && taken.id !== user.id) throw usernameTaken();
    }
    const now = Date.now();
    const next: UserRecord = { ...user, username, email: botEmail(username), first_name: displayName, update_at: now, bot_description: description };
    await this.deps.store.transaction(async (store) => {
      await store.users.update(next);
      await store.bots.update({ ...botRecord(bot), description, update_at: now });
    });
    this.users.publishUpdated(next);
    return this.found(botUserId, true);
  }

  /** Disabling deactivates the bot's user (its sessions and token sessions end, its sockets close, on every node). */
  async setActive(actor: Actor, botUserId: string, active: boolean): Promise<Bot> {
    await this.requireManage(actor, botUserId);
    const user = await this.users.get(botUserId);
    if ((user.delete_at === 0) !== active) await this.users.updateActive(user, active);
    return this.found(botUserId, true);
  }

  /** Hands the bot to another (human) user. */
  async assign(actor: Actor, botUserId: string, ownerId: string): Promise<Bot> {
    const bot = await this.requireManage(actor, botUserId);
    this.permissions.requireSystem(actor, 'assign_bot');
    const owner = await this.users.get(ownerId);
    if (owner.is_bot) throw forbidden();
    await this.deps.store.bots.update({ ...botRecord(bot), owner_id: owner.id, update_at: Date.now() });
    return this.found(botUserId, true);
  }

  /** A system admin turns an account into a bot it owns itself; its password no longer signs in. */
  async convertUserToBot(actor: Actor, userId: string): Promise<Bot> {
    this.permissions.requireSystem(actor, 'manage_system');
    const user = await this.users.get(userId);
    if (user.is_bot) return this.found(userId, true);
    const now = Date.now();
    const next: UserRecord = { ...user, is_bot: true, update_at: now };
    await this.deps.store.transaction(async (store) => {
      await store.users.update(next);
      await store.bots.create({ user_id: user.id, description: '', owner_id: user.id, last_icon_update: 0, create_at: now, update_at: now, delete_at: user.delete_at });
    });
    this.users.publishUpdated(next);
    return this.found(userId, true);
  }

  /** A system admin turns a bot back into an account that signs in with the password the patch gives. */
  async convertBotToUser(actor: Actor, botUserId: string, patch: UserPatch & { password?: string }, makeSystemAdmin: boolean): Promise<UserRecord> {
    this.permissions.requireSystem(actor, 'manage_system');
    await this.found(botUserId, false);
    const { password, ...profile } = patch;
    if (!password) throw badBodyParam('password');
    this.users.checkPasswordPolicy(password);
    const patched = await this.users.patch(actor, botUserId, profile);
    const now = Date.now();
    const roles = makeSystemAdmin && !patched.roles.split(' ').includes('system_admin') ? `${patched.roles} system_admin` : patched.roles;
    const next: UserRecord = { ...patched, is_bot: false, bot_description: '', roles, update_at: now, last_password_update: now };
    const hash = await hashPassword(password);
    await this.deps.store.transaction(async (store) => {
      await store.users.update(next);
      await store.users.updatePassword(next.id, hash, now);
      await store.bots.remove(next.id);
    });
    this.users.publishUpdated(next);
    return next;
  }

  /**
   * Upstream's SessionHasPermissionToManageBot: owners need manage_bots, others manage_others_bots; a caller who may
   * not even read the bot is told there is none.
   */
  async requireManage(actor: Actor, botUserId: string): Promise<Bot> {
    const bot = await this.found(botUserId, true);
    const own = bot.owner_id === actor.userId;
    if (this.permissions.hasSystem(actor, own ? 'manage_bots' : 'manage_others_bots')) return bot;
    if (!this.permissions.hasSystem(actor, own ? 'read_bots' : 'read_others_bots')) throw botNotFound();
    throw forbidden();
  }

  /** Whether `actor` manages the bot `userId` names (for its access tokens); false for users who are no bot. */
  async manages(actor: Actor, userId: string): Promise<boolean> {
    return this.requireManage(actor, userId).then(() => true, () => false);
  }

  /**
   * Follows a user's (de)activation: a bot's row mirrors its user; a deactivated owner's bots are disabled with it
   * when ServiceSettings.DisableBotsWhenOwnerIsDeactivated says so.
   */
  async onActiveChanged(user: UserRecord, active: boolean): Promise<void> {
    const { store } = this.deps;
    if (user.is_bot) {
      const bot = await store.bots.get(user.id, true);
      if (bot) await store.bots.update({ ...botRecord(bot), delete_at: active ? 0 : user.update_at, update_at: user.update_at });
      return;
    }
    if (active || !this.deps.liveConfig.document.ServiceSettings.DisableBotsWhenOwnerIsDeactivated) return;
    const owned: Bot[] = [];
    for (;;) {
      const page = await store.bots.list({ ownerId: user.id, includeDeleted: false, onlyOrphaned: false, offset: owned.length, limit: 100 });
      owned.push(...page);
      if (page.length < 100) break;
    }
    for (const bot of owned) {
      // As upstream, one bot that cannot be disabled does not stop the others, nor the owner's deactivation.
      await this.disableOwned(bot).catch((err: unknown) => this.deps.log.warn({ err, bot_user_id: bot.user_id }, 'could not disable a deactivated owner\'s bot'));
    }
  }

  private async disableOwned(bot: Bot): Promise<void> {
    const botUser = await this.deps.store.users.get(bot.user_id);
    if (botUser && botUser.delete_at === 0) await this.users.updateActive(botUser, false);
    else await this.deps.store.bots.update({ ...botRecord(bot), delete_at: Date.now() });
  }

  private async found(botUserId: string, includeDeleted: boolean): Promise<Bot> {
    const bot = await this.deps.store.bots.get(botUserId, includeDeleted);
    if (!bot) throw botNotFound();
    return bot;
  }
}

/** The stored part of a bot read in its wire shape. */
export function botRecord(bot: Bot & { last_icon_update?: number }): BotRecord {
  return {
    user_id: bot.user_id, description: bot.description ?? '', owner_id: bot.owner_id, last_icon_update: bot.last_icon_update ?? 0,
    create_at: bot.create_at, update_at: bot.update_at, delete_at: bot.delete_at,
  };
}

export const SYSTEM_BOT_USERNAME = 'system-bot';

/** A person who took the name before it was reserved must never become the sender (and a member) of everyone's DMs. */
function systemBotOrRefuse(user: UserRecord): UserRecord {
  if (!user.is_bot) throw new Error(`the username ${SYSTEM_BOT_USERNAME} belongs to a person, not to the system bot`);
  return user;
}

/** Upstream gives bots the address <username>@localhost; nothing is ever sent to it. */
const botEmail = (username: string): string => `${username}@localhost`;

function normalizedUsername(raw: string): string {
  const username = raw.trim().toLowerCase();
  try {
    validateUsername(username);
  } catch {
    throw new AppError('model.bot.is_valid.username.app_error', 'Invalid username.', 400);
  }
  return username;
}

function validateBotFields(displayName: string, description: string): void {
  if ([...displayName].length > MAX_DISPLAY_NAME) throw new AppError('model.bot.is_valid.user_id.app_error', 'Invalid display name.', 400);
  if ([...description].length > MAX_DESCRIPTION) throw new AppError('model.bot.is_valid.description.app_error', 'Invalid description.', 400);
}

/** A bot's user row: no password (it signs in with tokens only), the plain user role. */
function botUser(username: string, displayName: string, now: number): UserRecord {
  return newUserRecord({ username, email: botEmail(username), email_verified: true, first_name: displayName, is_bot: true }, now);
}
