import { asWorkerMessage, type SupervisorChannel } from './messages.js';

/** How often a worker reports its socket count; an admin's statistics may be this much behind on other workers. */
const REPORT_INTERVAL_MS = 1_000;

/**
 * Open WebSockets of the whole server, as seen from one worker: its own count
 * now, plus the other workers' as the supervisor last relayed them.
 */
export class ServerSocketCount {
  private peers = 0;
  private reported = -1;
  private readonly timer: NodeJS.Timeout;
  private readonly onMessage = (message: unknown): void => {
    const ours = asWorkerMessage(message);
    if (ours?.parley === 'peer_sockets') this.peers = ours.count;
  };

  constructor(private readonly channel: SupervisorChannel, private readonly own: () => number) {
    channel.on('message', this.onMessage);
    this.timer = setInterval(() => this.report(), REPORT_INTERVAL_MS);
    this.timer.unref();
  }

  get total(): number {
    return this.own() + this.peers;
  }

  private report(): void {
    const count = this.own();
    if (count === this.reported) return;
    this.reported = count;
    this.channel.send({ parley: 'sockets', count });
  }

  close(): void {
    clearInterval(this.timer);
    this.channel.off('message', this.onMessage);
  }
}
