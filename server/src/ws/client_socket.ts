import type { WebSocket } from 'ws';
import type { Connection, FrameSink } from './connection.js';
import type { Reply } from './envelope.js';

/** A socket whose peer reads slower than this much queued output is dropped (it may resume later). */
const MAX_BUFFERED_BYTES = 8 * 1024 * 1024;

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

  constructor(readonly ws: WebSocket, readonly resumeRequest: ResumeRequest) {}

  send(frame: string): void {
    if (this.ws.readyState !== this.ws.OPEN) return;
    if (this.ws.bufferedAmount > MAX_BUFFERED_BYTES) {
      this.ws.terminate();
      return;
    }
    this.ws.send(frame);
  }

  reply(reply: Reply): void {
    this.send(JSON.stringify(reply));
  }

  /** Runs message handlers in arrival order; a handler that throws unexpectedly costs the socket. */
  enqueue(work: () => Promise<void>): void {
    this.inbox = this.inbox.then(work).catch(() => this.ws.terminate());
  }
}
