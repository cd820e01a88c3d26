/** A custom emoji as stored; the wire shape is Mattermost's `CustomEmoji`. */
export interface EmojiRecord {
  id: string;
  create_at: number;
  update_at: number;
  delete_at: number;
  creator_id: string;
  name: string;
}

export type EmojiSort = 'name' | 'create_at';

/** Custom emoji. Every read sees live (not deleted) emoji only; a name is unique among them. */
export interface EmojiStore {
  /** Saves a new emoji; false when a live emoji already has its name (nothing is written then). */
  create(emoji: EmojiRecord): Promise<boolean>;
  get(id: string): Promise<EmojiRecord | undefined>;
  getByName(name: string): Promise<EmojiRecord | undefined>;
  getByNames(names: readonly string[]): Promise<EmojiRecord[]>;
  list(options: { offset: number; limit: number; sort: EmojiSort }): Promise<EmojiRecord[]>;
  /** Names starting with the term, or containing it unless `prefixOnly`, by name. */
  search(term: string, options: { prefixOnly: boolean; limit: number }): Promise<EmojiRecord[]>;
  /** Marks the emoji deleted; false when it was not live. */
  delete(id: string, at: number): Promise<boolean>;
}
