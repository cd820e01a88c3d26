import type { ServerEvent } from '../model/events.js';
import type { EventBus, EventHandler } from './bus.js';

/** Single-node bus: handlers run synchronously, in publish order. */
export class LocalEventBus implements EventBus {
  private readonly handlers = new Set<EventHandler>();

  publish(event: ServerEvent): void {
    for (const handler of this.handlers) handler(event);
  }

  subscribe(handler: EventHandler): () => void {
    this.handlers.add(handler);
    return () => this.handlers.delete(handler);
  }

  async close(): Promise<void> {
    this.handlers.clear();
  }
}
