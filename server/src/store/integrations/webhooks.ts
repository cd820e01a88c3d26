/** An incoming webhook as stored (Mattermost's IncomingWebhook). */
export interface IncomingWebhookRecord {
  id: string;
  create_at: number;
  update_at: number;
  delete_at: number;
  /** Whose posts the hook makes. */
  user_id: string;
  channel_id: string;
  team_id: string;
  display_name: string;
  description: string;
  username: string;
  icon_url: string;
  /** Posts only in its own channel (a payload's `channel` may not move it elsewhere). */
  channel_locked: boolean;
}

/** An outgoing webhook as stored (Mattermost's OutgoingWebhook). */
export interface OutgoingWebhookRecord {
  id: string;
  token: string;
  create_at: number;
  update_at: number;
  delete_at: number;
  creator_id: string;
  /** '' for a hook that listens to every public channel of its team (trigger words required then). */
  channel_id: string;
  team_id: string;
  trigger_words: string[];
  /** 0: the first word is a trigger word; 1: the first word starts with one. */
  trigger_when: number;
  callback_urls: string[];
  display_name: string;
  description: string;
  /** 'application/json' or (anything else) form-encoded. */
  content_type: string;
  username: string;
  icon_url: string;
}

/** Which live hooks to list: each field given narrows the list. */
export interface WebhookFilter {
  teamId?: string;
  channelId?: string;
  /** The hook's owner (user_id of an incoming hook, creator_id of an outgoing one). */
  ownerId?: string;
}

export interface WebhookStore {
  createIncoming(hook: IncomingWebhookRecord): Promise<void>;
  /** A live (not deleted) incoming hook. */
  getIncoming(id: string): Promise<IncomingWebhookRecord | undefined>;
  listIncoming(filter: WebhookFilter, page: { offset: number; limit: number }): Promise<IncomingWebhookRecord[]>;
  countIncoming(filter: WebhookFilter): Promise<number>;
  updateIncoming(hook: IncomingWebhookRecord): Promise<void>;
  deleteIncoming(id: string, at: number): Promise<void>;

  createOutgoing(hook: OutgoingWebhookRecord): Promise<void>;
  getOutgoing(id: string): Promise<OutgoingWebhookRecord | undefined>;
  listOutgoing(filter: WebhookFilter, page: { offset: number; limit: number }): Promise<OutgoingWebhookRecord[]>;
  countOutgoing(filter: WebhookFilter): Promise<number>;
  updateOutgoing(hook: OutgoingWebhookRecord): Promise<void>;
  deleteOutgoing(id: string, at: number): Promise<void>;
}
