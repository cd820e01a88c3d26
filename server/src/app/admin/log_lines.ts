/** How much of the log the console can read: the last 10,000 lines, and at most 8 Mi characters of them. */
const MAX_LINES = 10_000;
const MAX_CHARS = 8 * 1024 * 1024;
/** A single line longer than this is left out of the buffer (it still reaches stdout): it would push out thousands. */
const MAX_LINE_CHARS = 64 * 1024;

/**
 * The server's most recent log lines, in memory: a pino destination beside stdout, read by the system console's
 * server logs. Oldest lines go first when either bound is reached.
 */
export class RecentLogLines {
  private readonly ring: (string | undefined)[];
  private start = 0;
  private size = 0;
  private chars = 0;

  constructor(private readonly maxLines = MAX_LINES, private readonly maxChars = MAX_CHARS) {
    this.ring = new Array<string | undefined>(maxLines);
  }

  /** A pino write: one or more whole lines, each ending in a newline. */
  write(chunk: string): void {
    for (const line of chunk.split('\n')) {
      if (line.length > 0 && line.length <= MAX_LINE_CHARS) this.push(line);
    }
  }

  private push(line: string): void {
    while (this.size > 0 && (this.size === this.maxLines || this.chars + line.length > this.maxChars)) this.dropOldest();
    this.ring[(this.start + this.size) % this.maxLines] = line;
    this.size++;
    this.chars += line.length;
  }

  private dropOldest(): void {
    this.chars -= this.ring[this.start]?.length ?? 0;
    this.ring[this.start] = undefined;
    this.start = (this.start + 1) % this.maxLines;
    this.size--;
  }

  /** Page `page` counted back from the newest line (page 0 ends with it), oldest first, as upstream pages its log file. */
  page(page: number, perPage: number): string[] {
    const end = this.size - page * perPage;
    if (end <= 0 || perPage <= 0) return [];
    const begin = Math.max(0, end - perPage);
    const out: string[] = [];
    for (let i = begin; i < end; i++) out.push(this.ring[(this.start + i) % this.maxLines] as string);
    return out;
  }
}
