import type { ErrorLog } from '../metrics/unexpected.js';
import type { ServerEvent } from '../model/events.js';
import { deliverToAll, type EventBus, type EventHandler } from './bus.js';

/** Single-node bus: handlers run synchronously, in publish order. */
export class LocalEventBus implements EventBus {
  readonly spansNodes = false;
  private readonly handlers = new Set<EventHandler>();

  constructor(private readonly log?: ErrorLog) {}

  publish(event: ServerEvent): void {
    deliverToAll(this.handlers, event, this.log);
  }

  subscribe(handler: EventHandler): () => void {
    this.handlers.add(handler);
    return () => this.handlers.delete(handler);
  }

  async close(): Promise<void> {
    this.handlers.clear();
  }
}
