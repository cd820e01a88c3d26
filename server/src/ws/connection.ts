import type { EventPrefix } from './envelope.js';

/** Where a live connection's events go (the socket currently attached to it). */
export interface FrameSink {
  /**
   * Sends events numbered from `firstSeq` on, in one write where the socket allows, referencing the shared prefixes
   * rather than copying them.
   */
  sendEvents(prefixes: readonly EventPrefix[], firstSeq: number): void;
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

  /** Numbers the events for this stream in order, keeps them for replay and sends them if a socket is attached. */
  push(prefixes: readonly EventPrefix[]): boolean {
    const firstSeq = this.nextSeq;
    for (const prefix of prefixes) this.keep(prefix, this.nextSeq++);
    if (!this.sink) return false;
    this.sink.sendEvents(prefixes, firstSeq);
    return true;
  }

  private keep(prefix: EventPrefix, seq: number): void {
    if (this.capacity === 0) return;
    const ring = (this.ring ??= []);
    const slot = (seq - this.startSeq) % this.capacity;
    if (slot === ring.length) ring.push(prefix);
    else ring[slot] = prefix;
  }

  /** True when a client expecting `seq` next can carry on with this stream. */
  canResumeAt(seq: number): boolean {
    return seq <= this.nextSeq && seq >= this.oldestHeld();
  }

  /** Attaches a socket and sends what it missed from `seq` on (nothing when it is up to date). */
  resume(sink: FrameSink, seq: number): void {
    this.attach(sink);
    if (seq === this.nextSeq) return;
    const ring = this.ring as EventPrefix[];
    const missed: EventPrefix[] = [];
    for (let s = seq; s < this.nextSeq; s++) missed.push(ring[(s - this.startSeq) % this.capacity]);
    sink.sendEvents(missed, seq);
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
