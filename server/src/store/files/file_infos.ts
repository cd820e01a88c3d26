/** An uploaded file as stored (Mattermost's FileInfo, with its storage paths, which never leave the server). */
export interface FileInfoRecord {
  id: string;
  creator_id: string;
  /** '' until a post takes the file. */
  post_id: string;
  channel_id: string;
  create_at: number;
  update_at: number;
  delete_at: number;
  path: string;
  thumbnail_path: string;
  preview_path: string;
  name: string;
  extension: string;
  size: number;
  mime_type: string;
  width: number;
  height: number;
  has_preview_image: boolean;
  /** A tiny JPEG of an image, base64, or ''. */
  mini_preview: string;
  remote_id: string;
  archived: boolean;
}

/** What file search matches; every text is lower case. Channels are already narrowed to the searcher's. */
export interface FileSearchFilter {
  /** Channels the files may be in (those the searcher belongs to, after in:/-in:). */
  channelIds: readonly string[];
  /** Name words: each must appear in the name (all of them, or any with `anyWord`). */
  words: readonly string[];
  /** Name words written as `prefix*`: a word of the name starts with each. */
  prefixes: readonly string[];
  anyWord: boolean;
  excludedWords: readonly string[];
  extensions: readonly string[];
  excludedExtensions: readonly string[];
  creatorIds: readonly string[];
  excludedCreatorIds: readonly string[];
  /** create_at bounds, inclusive. */
  since?: number;
  until?: number;
  offset: number;
  limit: number;
}

export interface FileInfoStore {
  create(info: FileInfoRecord): Promise<void>;
  get(id: string): Promise<FileInfoRecord | undefined>;
  /**
   * Gives the new post `postId` those of `ids` that are live, unattached, uploaded by `creatorId` into `channelId`;
   * returns the ids it took. A file is taken once, whichever post asks first.
   */
  attach(ids: readonly string[], postId: string, creatorId: string, channelId: string, updateAt: number): Promise<string[]>;
  /** Gives back a post's files (their post was not written after all, or an edit dropped them). */
  detach(postId: string, ids: readonly string[] | 'all'): Promise<void>;
  /** The live files of these posts, oldest first. */
  forPosts(postIds: readonly string[]): Promise<FileInfoRecord[]>;
  /** Soft-deletes the live files of these posts (the posts were deleted); returns how many. */
  softDeleteForPosts(postIds: readonly string[], deleteAt: number): Promise<number>;
  /** Soft-deletes these files of a post (an edit dropped them from it). */
  softDelete(ids: readonly string[], deleteAt: number): Promise<void>;
  /** Live attached files matching the filter, newest first. */
  search(filter: FileSearchFilter): Promise<FileInfoRecord[]>;
  /** Removes rows for good (uploads of a request that failed). */
  purge(ids: readonly string[]): Promise<void>;
}
