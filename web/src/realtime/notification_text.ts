/** The words of a desktop notification: a message's text without its markdown, cut to a preview. */

export const PREVIEW_LENGTH = 200;

/** Roughly the text a reader sees: code kept as text, links and images as their words, marks removed. */
export function stripMarkdown(text: string): string {
  return text
    .replace(/(```|~~~)[^\n]*\n?([\s\S]*?)(\1|$)/g, '$2')
    .replace(/!\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/<((?:https?|mailto):[^>]+)>/g, '$1')
    .replace(/`([^`]*)`/g, '$1')
    .replace(/^\s{0,3}(#{1,6}\s+|>\s?|[-*+]\s+(\[[ xX]\]\s+)?|\d+[.)]\s+)/gm, '')
    .replace(/^\s*([-*_]\s*){3,}$/gm, '')
    .replace(/(\*\*|__|~~)(?=\S)([\s\S]*?\S)\1/g, '$2')
    .replace(/(^|[^\w*])[*_](?=\S)([^*_\n]*?\S)[*_](?!\w)/g, '$1$2')
    .replace(/\s+/g, ' ')
    .trim();
}

export function preview(text: string, max = PREVIEW_LENGTH): string {
  const plain = stripMarkdown(text);
  return plain.length <= max ? plain : `${plain.slice(0, max - 1).trimEnd()}…`;
}

/** "@sender: text" in channels; the text alone in a direct message, whose title already names the sender. */
export function notificationBody(message: string, senderName: string, direct: boolean): string {
  const text = preview(message, direct ? PREVIEW_LENGTH : Math.max(20, PREVIEW_LENGTH - senderName.length - 2));
  if (direct || !senderName) return text;
  return text ? `${senderName}: ${text}` : senderName;
}
