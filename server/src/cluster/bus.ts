import { reportUnexpected, type ErrorLog } from '../metrics/unexpected.js';
import type { ServerEvent } from '../model/events.js';

export type EventHandler = (event: ServerEvent) => void;

/**
 * Carries committed events to every node's WebSocket hub. In-process on one
 * node; Redis pub/sub when several nodes share a database.
 */
export interface EventBus {
  /**
   * True when other nodes (Redis nodes, or the other workers on this machine) receive what is published here: this
   * node's sockets and caches are then not the whole server.
   */
  readonly spansNodes: boolean;
  publish(event: ServerEvent): void;
  subscribe(handler: EventHandler): () => void;
  close(): Promise<void>;
}

/**
 * Runs every handler on the event. One that throws is reported and skipped:
 * the others still get the event, and the publisher, whose write has
 * already committed, is not failed by a subscriber.
 */
export function deliverToAll(handlers: Iterable<EventHandler>, event: ServerEvent, log?: ErrorLog): void {
  for (const handler of handlers) {
    try {
      handler(event);
    } catch (err) {
      reportUnexpected('bus_subscriber', err, log);
    }
  }
}
