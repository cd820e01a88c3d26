import type { EventPrefix } from './envelope.js';

/** Where a live connection's events go (the socket currently attached to it). */
export interface FrameSink {
  /** Sends the event `prefix` numbered `seq`, referencing the shared prefix rather than copying it. */
  sendEvent(prefix: EventPrefix, seq: number): void;
}

/**
 * One event stream, identified by a Mattermost `connection_id`: the seq
 * counter and the last events sent. It outlives its socket so that a client
 * reconnecting with `connection_id` and `sequence_number` gets exactly the
 * events it missed, including those published while it was away.
 */
export class Connection {
  sink: FrameSink | null = null;
  /** When the socket went away (0 while one is attached). */
  detachedAt = 0;
  private detachedSeq = 0;
  /** Shared event prefixes by seq; grown on demand, then used as a ring. */
  private ring: EventPrefix[] | undefined;
  private nextSeq: number;

  constructor(readonly id: string, readonly userId: string, private readonly startSeq: number, private readonly capacity: number) {
    this.nextSeq = startSeq;
  }

  /** Numbers the event for this stream, keeps it for replay and sends it if a socket is attached. */
  push(prefix: EventPrefix): boolean {
    const seq = this.nextSeq++;
    if (this.capacity > 0) {
      const ring = (this.ring ??= []);
      const slot = (seq - this.startSeq) % this.capacity;
      if (slot === ring.length) ring.push(prefix);
      else ring[slot] = prefix;
    }
    if (!this.sink) return false;
    this.sink.sendEvent(prefix, seq);
    return true;
  }

  /** True when a client expecting `seq` next can carry on with this stream. */
  canResumeAt(seq: number): boolean {
    return seq <= this.nextSeq && seq >= this.oldestHeld();
  }

  /** Attaches a socket and sends what it missed from `seq` on (nothing when it is up to date). */
  resume(sink: FrameSink, seq: number): void {
    this.attach(sink);
    for (let s = seq; s < this.nextSeq; s++) {
      sink.sendEvent((this.ring as EventPrefix[])[(s - this.startSeq) % this.capacity], s);
    }
  }

  attach(sink: FrameSink): void {
    this.sink = sink;
    this.detachedAt = 0;
  }

  detach(now: number): void {
    this.sink = null;
    this.detachedAt = now;
    this.detachedSeq = this.nextSeq;
  }

  /** A detached stream is worthless once the ring no longer reaches back to where its client stopped. */
  get unrecoverable(): boolean {
    return this.sink === null && this.oldestHeld() > this.detachedSeq;
  }

  private oldestHeld(): number {
    return this.nextSeq - Math.min(this.nextSeq - this.startSeq, this.capacity);
  }
}
