/**
 * Channels the user marked unread ("Mark as unread") while looking at them. As in Mattermost, such a channel stays
 * unread while it is open and when the user leaves it; only opening it again (or Esc) marks it read.
 */
const marked = new Set<string>();

export function setManuallyUnread(channelId: string): void {
  marked.add(channelId);
}

export function isManuallyUnread(channelId: string): boolean {
  return marked.has(channelId);
}

/** Forgets the mark; answers whether there was one. */
export function clearManuallyUnread(channelId: string): boolean {
  return marked.delete(channelId);
}
