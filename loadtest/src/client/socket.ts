import WebSocket from 'ws';
import type { Counters } from '../report/counters.js';
import { POSTED_DELIVERY, type Stats } from '../report/stats.js';

// One user's WebSocket. Frames are never parsed: with every user in the big
// channels, each post reaches thousands of sockets, so a frame is scanned as
// bytes for the few things a client needs (its sequence number, and for
// `posted`, the post's create_at to time the delivery).

export const HELLO_ROUTE = 'WS /websocket (hello)';

const POSTED = Buffer.from('"event":"posted"');
const HELLO = Buffer.from('"event":"hello"');
const SEQ = Buffer.from('"seq":');
const CONNECTION_ID = Buffer.from('"connection_id":"');
/** In `posted`, the post is a JSON string inside the event, so its quotes are escaped. */
const CREATE_AT = Buffer.from('\\"create_at\\":');

/** The unsigned integer written at `from` in `frame`, or -1. */
function integerAt(frame: Buffer, from: number): number {
  let value = 0;
  let digits = 0;
  for (let i = from; i < frame.length; i++) {
    const c = frame[i];
    if (c < 48 || c > 57) break;
    value = value * 10 + (c - 48);
    digits++;
  }
  return digits === 0 ? -1 : value;
}

export interface SocketOptions {
  url: string;
  token: string;
  timeoutMs: number;
  stats: Stats;
  counters: Counters;
}

export class UserSocket {
  private ws: WebSocket | undefined;
  private connectionId = '';
  private nextSeq = 0;
  private closing = false;
  private reconnectTimer: NodeJS.Timeout | undefined;

  constructor(private readonly options: SocketOptions) {}

  get open(): boolean {
    return this.ws?.readyState === WebSocket.OPEN;
  }

  /** Opens the socket; resolves once the server says `hello` (or, when resuming, once it is open). */
  connect(): Promise<void> {
    const { url, token, timeoutMs, stats, counters } = this.options;
    const resuming = this.connectionId !== '';
    const target = new URL('/api/v4/websocket', url.replace(/^http/, 'ws'));
    if (resuming) {
      target.searchParams.set('connection_id', this.connectionId);
      target.searchParams.set('sequence_number', String(this.nextSeq));
    }
    const started = performance.now();
    return new Promise<void>((resolve, reject) => {
      const ws = new WebSocket(target, { headers: { Authorization: `Bearer ${token}` }, perMessageDeflate: false, skipUTF8Validation: true, handshakeTimeout: timeoutMs });
      this.ws = ws;
      let settled = false;
      let live = false;
      const timer = setTimeout(() => settle(new Error(`no hello within ${timeoutMs} ms`), 'timeout'), timeoutMs);
      const settle = (err: Error | undefined, outcome: 'ok' | 'error' | 'timeout'): void => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        stats.record(HELLO_ROUTE, performance.now() - started, outcome);
        if (err) {
          ws.terminate();
          reject(err);
          return;
        }
        live = true;
        counters.socketsOpen++;
        resolve();
      };
      ws.on('open', () => {
        // A resumed stream sends no new hello: it carries on where it stopped.
        if (resuming) settle(undefined, 'ok');
      });
      ws.on('message', (frame: Buffer) => {
        this.received(frame);
        if (!settled && frame.indexOf(HELLO) >= 0) {
          const at = frame.indexOf(CONNECTION_ID);
          if (at >= 0) this.connectionId = frame.toString('latin1', at + CONNECTION_ID.length, frame.indexOf(34, at + CONNECTION_ID.length));
          settle(undefined, 'ok');
        }
      });
      ws.on('error', (err) => settle(err, 'error'));
      ws.on('close', () => {
        // A socket that never said hello was never counted; its caller retries.
        if (!live) return settle(new Error('socket closed before hello'), 'error');
        counters.socketsOpen--;
        if (this.ws === ws && !this.closing) {
          counters.disconnects++;
          this.scheduleReconnect();
        }
      });
    }).then(() => {
      if (resuming) counters.resumed++;
    }, (err: unknown) => {
      // A stream that cannot be resumed starts over with a new hello.
      this.connectionId = '';
      this.nextSeq = 0;
      throw err;
    });
  }

  /** What a client does when its network blips: reconnect, asking for what it missed. */
  async reconnect(): Promise<void> {
    const ws = this.ws;
    this.ws = undefined;
    ws?.close();
    const { counters } = this.options;
    counters.reconnects++;
    counters.rejoining++;
    await this.connect().catch((err: unknown) => {
      // Keep trying in the background, as the web app does, so the user is not left without a socket.
      this.scheduleReconnect();
      throw err;
    }).finally(() => {
      counters.rejoining--;
    });
  }

  close(): void {
    this.closing = true;
    clearTimeout(this.reconnectTimer);
    this.ws?.close();
  }

  private scheduleReconnect(): void {
    // Spread reconnections out as the web app does, so a server restart is not met by a stampede.
    this.reconnectTimer = setTimeout(() => {
      if (this.closing) return;
      this.options.counters.reconnects++;
      this.connect().catch(() => this.scheduleReconnect());
    }, 1_000 + Math.random() * 4_000);
  }

  private received(frame: Buffer): void {
    const seqAt = frame.lastIndexOf(SEQ);
    if (seqAt >= 0) {
      const seq = integerAt(frame, seqAt + SEQ.length);
      if (seq >= 0) this.nextSeq = seq + 1;
    }
    if (frame.indexOf(POSTED) < 0) return;
    this.options.counters.postedReceived++;
    const at = frame.indexOf(CREATE_AT);
    const createAt = at < 0 ? -1 : integerAt(frame, at + CREATE_AT.length);
    // Server and generator share the machine's clock; create_at is in ms.
    if (createAt > 0) this.options.stats.record(POSTED_DELIVERY, Date.now() - createAt, 'ok');
  }
}
