import type { CategoryRecord } from '../model/types.js';

export interface CategoryStore {
  list(userId: string, teamId: string): Promise<CategoryRecord[]>;
  get(id: string): Promise<CategoryRecord | undefined>;
  save(category: CategoryRecord): Promise<void>;
  remove(id: string): Promise<void>;
  /** Channel ids of each category, in sort order. */
  channelIds(categoryIds: readonly string[]): Promise<Map<string, string[]>>;
  setChannels(userId: string, categoryId: string, channelIds: readonly string[]): Promise<void>;
  /** Removes the channel from every category of the user. */
  removeChannel(userId: string, channelId: string): Promise<void>;
  /** Deletes the user's categories (and their channel placements) in the team. */
  removeForTeam(userId: string, teamId: string): Promise<void>;
}
