import type { ServerEvent } from '../model/events.js';

export type EventHandler = (event: ServerEvent) => void;

/**
 * Carries committed events to every node's WebSocket hub. In-process on one
 * node; Redis pub/sub when several nodes share a database.
 */
export interface EventBus {
  publish(event: ServerEvent): void;
  subscribe(handler: EventHandler): () => void;
  close(): Promise<void>;
}
