import type { Bot } from '@mattermost/types/bots';

/** A bot as stored: its user row (is_bot = 1) holds its username and display name (first_name). */
export interface BotRecord {
  user_id: string;
  description: string;
  /** Who manages it: a user id (or, upstream, a plugin id). */
  owner_id: string;
  last_icon_update: number;
  create_at: number;
  update_at: number;
  delete_at: number;
}

export interface BotListFilter {
  /** Only this owner's bots. */
  ownerId?: string;
  includeDeleted: boolean;
  /** Only bots whose owner is a deactivated user. */
  onlyOrphaned: boolean;
  offset: number;
  limit: number;
}

export interface BotStore {
  create(bot: BotRecord): Promise<void>;
  /** The bot with its user's name, in the wire shape; a disabled one only with `includeDeleted`. */
  get(userId: string, includeDeleted: boolean): Promise<Bot | undefined>;
  list(filter: BotListFilter): Promise<Bot[]>;
  /** Writes description, owner and times. */
  update(bot: BotRecord): Promise<void>;
  remove(userId: string): Promise<void>;
}
