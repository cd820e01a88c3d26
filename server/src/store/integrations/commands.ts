import type { Command } from '@mattermost/types/integrations';

/** A custom slash command as stored (the wire shape: Mattermost's Command). */
export type CommandRecord = Command;

/** A response URL a custom command's integration was given (Mattermost's CommandWebhook). */
export interface CommandWebhookRecord {
  id: string;
  create_at: number;
  command_id: string;
  /** Who ran the command: the answers are posted as them, where they ran it. */
  user_id: string;
  channel_id: string;
  root_id: string;
  use_count: number;
}

export interface CommandStore {
  create(command: CommandRecord): Promise<void>;
  /** A command that is not deleted. */
  get(id: string): Promise<CommandRecord | undefined>;
  /** The team's commands that are not deleted, oldest first. */
  listByTeam(teamId: string): Promise<CommandRecord[]>;
  /** The team's command with this trigger, if any. */
  getByTrigger(teamId: string, trigger: string): Promise<CommandRecord | undefined>;
  update(command: CommandRecord): Promise<void>;
  /** Marks the command deleted (its response URLs stop working with it). */
  remove(id: string, deleteAt: number): Promise<void>;

  createWebhook(hook: CommandWebhookRecord): Promise<void>;
  /** A response URL issued after `createdAfter`. */
  getWebhook(id: string, createdAfter: number): Promise<CommandWebhookRecord | undefined>;
  /** Counts one use unless `maxUses` are spent; false when they are. Atomic, so concurrent answers cannot overspend. */
  useWebhook(id: string, maxUses: number): Promise<boolean>;
  /** Forgets response URLs issued before `createdBefore`. */
  removeWebhooksBefore(createdBefore: number): Promise<void>;
}
