let loader: Promise<typeof import('./highlight')> | null = null;

/** Loads highlight.js only when a message with a fenced code block is on screen. */
export function highlightCodeBlocks(root: HTMLElement | null): void {
  if (!root || !root.querySelector('pre.code-block code[class^="language-"]')) return;
  loader ??= import('./highlight');
  void loader.then((m) => m.highlightWithin(root));
}
