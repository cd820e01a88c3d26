/** What a link previews as: an Open Graph page, an image, or nothing. */
export type LinkMetadataType = 'opengraph' | 'image' | 'none';

/** One cached preview (migration 0015_link_metadata). */
export interface LinkMetadataRecord {
  /** SHA-256 of the URL, hex. */
  hash: string;
  url: string;
  /** When it was fetched (ms). */
  timestamp: number;
  type: LinkMetadataType;
  /** JSON: OpenGraphMetadata for 'opengraph', PostImage for 'image', {} for 'none'. */
  data: string;
}

export interface LinkMetadataStore {
  /** The cached previews of these URL hashes (one query); missing ones are left out. */
  getMany(hashes: readonly string[]): Promise<LinkMetadataRecord[]>;
  /** Saves the preview, replacing an older one of the same URL. */
  save(record: LinkMetadataRecord): Promise<void>;
  /** Forgets every cached preview (previews were turned off or restricted). */
  clear(): Promise<void>;
}
