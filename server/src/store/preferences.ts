import type { PreferenceType } from '../model/types.js';

export interface PreferenceStore {
  list(userId: string, category?: string): Promise<PreferenceType[]>;
  get(userId: string, category: string, name: string): Promise<PreferenceType | undefined>;
  save(preferences: readonly PreferenceType[]): Promise<void>;
  remove(preferences: readonly PreferenceType[]): Promise<void>;
  /** Characters the user's preferences hold (categories, names and values). */
  sizeForUser(userId: string): Promise<number>;
}
