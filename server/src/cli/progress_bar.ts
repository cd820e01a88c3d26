/** Where a command writes: process.stdout and process.stderr, or a test's capture. */
export interface Output {
  write(text: string): unknown;
  isTTY?: boolean;
}

const REDRAW_EVERY_MS = 100;

/**
 * A one-line progress bar redrawn in place (`label [######----] 60% 6000/10000`), on a terminal only: piped into
 * a file or a CI log it would be a pile of carriage returns.
 */
export class ProgressBar {
  private drawnAt = 0;
  private drawn = false;

  constructor(private readonly out: Output, private readonly label: string, private readonly width = 30) {}

  update(done: number, total: number): void {
    if (!this.out.isTTY) return;
    const now = Date.now();
    if (done < total && now - this.drawnAt < REDRAW_EVERY_MS) return;
    this.drawnAt = now;
    this.drawn = true;
    const fraction = total > 0 ? Math.min(done / total, 1) : 1;
    const filled = Math.round(fraction * this.width);
    this.out.write(`\r${this.label} [${'#'.repeat(filled)}${'-'.repeat(this.width - filled)}] ${Math.floor(fraction * 100)}% ${done}/${total}`);
  }

  /** Ends the bar's line, so what follows starts on a new one. */
  finish(): void {
    if (this.drawn) this.out.write('\n');
  }
}
