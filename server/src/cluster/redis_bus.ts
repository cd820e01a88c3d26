import { Redis } from 'ioredis';
import type { ServerEvent } from '../model/events.js';
import { newId } from '../model/id.js';
import type { EventBus, EventHandler } from './bus.js';

/**
 * Cluster bus over Redis pub/sub. Local handlers get events at once; other
 * nodes get them through Redis, and a node ignores its own echoes.
 */
export class RedisEventBus implements EventBus {
  private readonly nodeId = newId();
  private readonly handlers = new Set<EventHandler>();
  private readonly pub: Redis;
  private readonly sub: Redis;

  private constructor(url: string, private readonly channel: string, private readonly onError: (err: Error) => void) {
    this.pub = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 3 });
    this.sub = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 3 });
    // ioredis reconnects by itself; errors are reported, never thrown into the process.
    this.pub.on('error', onError);
    this.sub.on('error', onError);
  }

  /** `channel` is shared by the nodes of one cluster (several clusters may share a Redis). */
  static async connect(url: string, channel: string, onError: (err: Error) => void): Promise<RedisEventBus> {
    const bus = new RedisEventBus(url, channel, onError);
    await Promise.all([bus.pub.connect(), bus.sub.connect()]);
    await bus.sub.subscribe(channel);
    bus.sub.on('message', (_channel: string, message: string) => bus.receive(message));
    return bus;
  }

  private receive(message: string): void {
    let envelope: { origin: string; event: ServerEvent };
    try {
      envelope = JSON.parse(message) as { origin: string; event: ServerEvent };
    } catch (err) {
      this.onError(err as Error);
      return;
    }
    const { origin, event } = envelope;
    if (origin === this.nodeId || !event?.event) return;
    for (const handler of this.handlers) handler(event);
  }

  publish(event: ServerEvent): void {
    for (const handler of this.handlers) handler(event);
    this.pub.publish(this.channel, JSON.stringify({ origin: this.nodeId, event })).catch(this.onError);
  }

  subscribe(handler: EventHandler): () => void {
    this.handlers.add(handler);
    return () => this.handlers.delete(handler);
  }

  async close(): Promise<void> {
    this.handlers.clear();
    this.sub.disconnect();
    this.pub.disconnect();
  }
}
