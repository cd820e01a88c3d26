/**
 * What a message's text says about mentions, read on the client: whether it names a user (their @username, one of
 * their mention keywords, their first name when they asked for it) and whether it carries @channel, @all or @here.
 * Code (fenced blocks and `inline`) mentions nobody, as on the server.
 */

export interface MentionTarget {
  username: string;
  firstName: string;
  /** The user's notify_props: `mention_keys` (comma-separated), `first_name` ('true'/'false'). */
  notifyProps: Readonly<Record<string, string>>;
}

const escapeRegex = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The message without code, whose words mention nobody. */
export function withoutCode(text: string): string {
  return text.replace(/(```|~~~)[\s\S]*?(\1|$)/g, ' ').replace(/`[^`\n]*`/g, ' ');
}

/** A word on its own: not inside a longer word, and for @names not followed by more name characters. */
function wordPattern(word: string): RegExp {
  const tail = word.startsWith('@') ? '(?![\\w.-]*\\w)' : '(?!\\w)';
  return new RegExp(`(^|[^\\w@])${escapeRegex(word)}${tail}`, 'i');
}

/** The mention keywords a user set (comma-separated, case-insensitive), trimmed and without empties. */
export function parseMentionKeys(value: string | undefined): string[] {
  return (value ?? '').split(',').map((k) => k.trim()).filter((k) => k !== '');
}

/** Whether the text names this user, as opposed to reaching them only through @channel, @all or @here. */
export function namesUser(text: string, who: MentionTarget): boolean {
  const plain = withoutCode(text);
  if (who.username && wordPattern(`@${who.username}`).test(plain)) return true;
  for (const key of parseMentionKeys(who.notifyProps.mention_keys)) {
    if (wordPattern(key).test(plain)) return true;
  }
  const first = (who.firstName ?? '').trim();
  // First names are matched case-sensitively, as Mattermost does.
  return who.notifyProps.first_name === 'true' && first !== '' && new RegExp(`(^|[^\\w@])${escapeRegex(first)}(?!\\w)`).test(plain);
}

/** The channel-wide mentions the text carries (without the @), in order of first appearance. */
export function channelWideMentions(text: string): string[] {
  const found = new Set<string>();
  for (const m of withoutCode(text).matchAll(/(?:^|[^\w@])@(channel|all|here)(?![\w.-]*\w)/gi)) found.add(m[1].toLowerCase());
  return [...found];
}
