import { Redis } from 'ioredis';
import { reportUnexpected, type ErrorLog } from '../metrics/unexpected.js';
import type { ServerEvent } from '../model/events.js';
import { newId } from '../model/id.js';
import { deliverToAll, type EventBus, type EventHandler } from './bus.js';

/**
 * Cluster bus over Redis pub/sub. Local handlers get events at once; other
 * nodes get them through Redis, and a node ignores its own echoes.
 */
export class RedisEventBus implements EventBus {
  readonly spansNodes = true;
  private readonly nodeId = newId();
  private readonly handlers = new Set<EventHandler>();
  private readonly pub: Redis;
  private readonly sub: Redis;
  private readonly onError: (err: Error) => void;

  private constructor(url: string, private readonly channel: string, private readonly log: ErrorLog) {
    this.pub = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 3 });
    this.sub = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 3 });
    this.onError = (err) => log.error({ err }, 'cluster bus error');
    // ioredis reconnects by itself; errors are reported, never thrown into the process.
    this.pub.on('error', this.onError);
    this.sub.on('error', this.onError);
  }

  /** `channel` is shared by the nodes of one cluster (several clusters may share a Redis). */
  static async connect(url: string, channel: string, log: ErrorLog): Promise<RedisEventBus> {
    const bus = new RedisEventBus(url, channel, log);
    await Promise.all([bus.pub.connect(), bus.sub.connect()]);
    await bus.sub.subscribe(channel);
    bus.sub.on('message', (_channel: string, message: string) => bus.receive(message));
    return bus;
  }

  /** Another node's event; anything else on the channel (a stray publisher, a truncated message) is reported and dropped. */
  private receive(message: string): void {
    const envelope = parseEnvelope(message);
    if (!envelope) {
      reportUnexpected('bus_message', new Error(`malformed cluster bus message: ${message.slice(0, 200)}`), this.log);
      return;
    }
    if (envelope.origin === this.nodeId) return;
    deliverToAll(this.handlers, envelope.event, this.log);
  }

  publish(event: ServerEvent): void {
    deliverToAll(this.handlers, event, this.log);
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

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

function parseEnvelope(message: string): { origin: string; event: ServerEvent } | undefined {
  let parsed: unknown;
  try {
    parsed = JSON.parse(message);
  } catch {
    return undefined;
  }
  if (!isRecord(parsed) || typeof parsed.origin !== 'string' || !isRecord(parsed.event)) return undefined;
  const { event } = parsed;
  if (typeof event.event !== 'string' || !isRecord(event.data) || !isRecord(event.broadcast)) return undefined;
  return { origin: parsed.origin, event: event as unknown as ServerEvent };
}
