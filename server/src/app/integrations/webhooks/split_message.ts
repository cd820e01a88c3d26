/**
 * Cuts a message into pieces of at most `maxLength` characters (code points, as post sizes count), as Mattermost
 * splits a webhook's text that is longer than a post may be: every piece but the last is full, none is empty
 * unless the message is.
 */
export function splitMessage(message: string, maxLength: number): string[] {
  const chars = Array.from(message);
  if (chars.length <= maxLength) return [message];
  const pieces: string[] = [];
  for (let start = 0; start < chars.length; start += maxLength) pieces.push(chars.slice(start, start + maxLength).join(''));
  return pieces;
}
