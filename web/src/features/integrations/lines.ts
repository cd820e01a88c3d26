/** A list typed one entry per line (trigger words, callback URLs): blank lines and surrounding spaces dropped. */
export function parseLines(text: string): string[] {
  return text.split(/\r?\n/).map((line) => line.trim()).filter(Boolean);
}

export function joinLines(list: readonly string[] | null | undefined): string {
  return (list ?? []).join('\n');
}
