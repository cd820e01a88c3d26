import type { Duplex } from 'node:stream';
import type { WebSocket } from 'ws';
import { TokenBucket } from '../api/token_bucket.js';
import { rateLimited, slowSocketsDropped } from '../metrics/registry.js';
import type { Connection, FrameSink } from './connection.js';
import { eventTail, type EventPrefix, type Reply } from './envelope.js';

/**
 * A socket whose peer reads slower than this much queued output is dropped, as Mattermost drops slow consumers;
 * its client reconnects and resumes from the replay ring. Shared event prefixes count in full for each socket.
 */
const MAX_BUFFERED_BYTES = 8 * 1024 * 1024;
/**
 * Events from this size on go out as two fragments of one text message, the shared prefix and this socket's seq,
 * so no socket copies the payload; smaller ones are copied into one frame, which costs less than a second write.
 */
const FRAGMENT_FROM_BYTES = 16 * 1024;
/**
 * Client actions a socket may send: a burst of this many, then this many a second. Mattermost's clients send a few a
 * minute (typing at most every few seconds, status checks, pings); a socket past it is closed (1008), since every
 * typing notice is fanned out to a whole channel and every message queues work here.
 */
const MESSAGE_BURST = 60;
const MESSAGES_PER_SECOND = 20;
const CLOSE_POLICY = 1008;

export interface ResumeRequest {
  connectionId: string;
  sequenceNumber: number;
}

/** The authenticated side of a socket: whose it is and which session vouches for it. */
export interface SocketAuth {
  userId: string;
  sessionId: string;
  token: string;
  expiresAt: number;
  checkedAt: number;
}

/**
 * One WebSocket: its authentication, the stream it is attached to, its
 * liveness for protocol pings, and a queue that handles its messages one at
 * a time so replies keep their order.
 */
export class ClientSocket implements FrameSink {
  auth: SocketAuth | undefined;
  connection: Connection | undefined;
  /** Cleared at each ping, set by the pong. */
  alive = true;
  authTimer: NodeJS.Timeout | undefined;
  private inbox: Promise<void> = Promise.resolve();
  private readonly messageRate = new TokenBucket({ perSecond: MESSAGES_PER_SECOND, burst: MESSAGE_BURST });

  /** `transport` is the stream under `ws`, corked so that several events leave in one write. */
  constructor(readonly ws: WebSocket, private readonly transport: Duplex, readonly resumeRequest: ResumeRequest) {}

  sendEvents(prefixes: readonly EventPrefix[], firstSeq: number): void {
    if (!this.writable()) return;
    // A write to a socket costs about the same whatever it carries (20 µs on loopback, most of it in the kernel), and
    // the peer then reads the events at once too.
    this.transport.cork();
    for (let i = 0; i < prefixes.length; i++) this.sendEvent(prefixes[i], firstSeq + i);
    this.transport.uncork();
  }

  private sendEvent(prefix: EventPrefix, seq: number): void {
    if (prefix.length < FRAGMENT_FROM_BYTES) {
      this.ws.send(Buffer.concat([prefix, Buffer.from(eventTail(seq))]), { binary: false });
      return;
    }
    // Nothing else is sent on this socket between the two calls, so the fragments stay one message.
    this.ws.send(prefix, { binary: false, fin: false });
    this.ws.send(eventTail(seq), { binary: false, fin: true });
  }

  reply(reply: Reply): void {
    if (this.writable()) this.ws.send(JSON.stringify(reply));
  }

  /** Open and keeping up; a socket too far behind is dropped here. */
  private writable(): boolean {
    if (this.ws.readyState !== this.ws.OPEN) return false;
    if (this.ws.bufferedAmount <= MAX_BUFFERED_BYTES) return true;
    slowSocketsDropped.inc();
    this.ws.terminate();
    return false;
  }

  /**
   * Runs message handlers in arrival order; a handler that throws unexpectedly costs the socket, and so does sending
   * faster than MESSAGES_PER_SECOND (which also bounds the work queued here).
   */
  enqueue(work: () => Promise<void>): void {
    if (this.withinMessageRate()) this.inbox = this.inbox.then(work).catch(() => this.ws.terminate());
  }

  /** Answers the peer's protocol ping, which counts against the same rate as its messages (each costs a pong). */
  pong(data: Buffer): void {
    if (this.withinMessageRate() && this.ws.readyState === this.ws.OPEN) this.ws.pong(data);
  }

  /** Takes one message's allowance; a socket that has none left is closed with 1008. */
  private withinMessageRate(): boolean {
    if (this.messageRate.take().allowed) return true;
    if (this.ws.readyState === this.ws.OPEN) {
      rateLimited.inc({ limit: 'websocket' });
      this.ws.close(CLOSE_POLICY, 'too many messages');
    }
    return false;
  }
}
