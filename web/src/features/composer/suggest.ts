export type TriggerKind = 'user' | 'channel' | 'emoji' | 'command';

export interface Trigger {
  kind: TriggerKind;
  /** text typed after the trigger character */
  query: string;
  /** index of the trigger character in the text */
  start: number;
}

/**
 * What the word at the caret asks to complete: `@user`, `~channel`, `:emoji` (two letters at
 * least, as in Mattermost) or a `/command` at the very start of the message.
 */
export function findTrigger(text: string, caret: number): Trigger | null {
  const before = text.slice(0, caret);
  const command = /^\/([a-z0-9_-]*)$/i.exec(before);
  if (command) return { kind: 'command', query: command[1].toLowerCase(), start: 0 };
  const m = /(^|[\s([{])([@~:])([\p{L}\p{N}._+-]*)$/u.exec(before);
  if (!m) return null;
  const [, , char, query] = m;
  const start = before.length - query.length - 1;
  if (char === '@') return { kind: 'user', query: query.toLowerCase(), start };
  if (char === '~') return { kind: 'channel', query: query.toLowerCase(), start };
  if (query.length >= 2) return { kind: 'emoji', query: query.toLowerCase(), start };
  return null;
}

/** Replaces the trigger word with the chosen completion and returns the new text and caret. */
export function applyCompletion(text: string, caret: number, trigger: Trigger, completion: string): { text: string; caret: number } {
  const insert = `${completion} `;
  const next = text.slice(0, trigger.start) + insert + text.slice(caret);
  return { text: next, caret: trigger.start + insert.length };
}

export interface CommandHint {
  trigger: string;
  hint: string;
}

export const BUILTIN_COMMANDS: CommandHint[] = [
  { trigger: 'away', hint: '' },
  { trigger: 'dnd', hint: '' },
  { trigger: 'echo', hint: '{text}' },
  { trigger: 'header', hint: '{text}' },
  { trigger: 'help', hint: '' },
  { trigger: 'invite', hint: '@{username} ~{channel}' },
  { trigger: 'join', hint: '~{channel}' },
  { trigger: 'kick', hint: '@{username}' },
  { trigger: 'leave', hint: '' },
  { trigger: 'me', hint: '{message}' },
  { trigger: 'msg', hint: '@{username} {message}' },
  { trigger: 'mute', hint: '~{channel}' },
  { trigger: 'offline', hint: '' },
  { trigger: 'online', hint: '' },
  { trigger: 'purpose', hint: '{text}' },
  { trigger: 'search', hint: '{text}' },
  { trigger: 'shrug', hint: '{message}' },
];
