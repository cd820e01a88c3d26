/** Prints "label done/total (rate/s)" at most every few seconds, and always at the end. */
export class Progress {
  private done = 0;
  private lastPrint = 0;
  private readonly started = Date.now();

  constructor(private readonly label: string, private readonly total: number, private readonly out: (line: string) => void, private readonly everyMs = 3_000) {}

  add(count = 1): void {
    this.done += count;
    const now = Date.now();
    if (this.done >= this.total || now - this.lastPrint >= this.everyMs) {
      this.lastPrint = now;
      const seconds = (now - this.started) / 1000;
      const rate = seconds > 0 ? this.done / seconds : 0;
      const eta = rate > 0 ? (this.total - this.done) / rate : 0;
      this.out(`${this.label}: ${this.done}/${this.total} (${rate.toFixed(1)}/s, ${seconds.toFixed(0)} s, ~${eta.toFixed(0)} s left)`);
    }
  }
}
