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
 * least, as in Mattermost) or a `/command` at the very start of the message, with the arguments typed so far
 * on its first line (the server suggests those too; a `@user` or `~channel` argument is completed as one).
 */
export function findTrigger(text: string, caret: number): Trigger | null {
  const before = text.slice(0, caret);
  const command = /^\/(?:([^\s/]\S*)((?: [^\n]*)?))?$/.exec(before);
  const commandName = (command?.[1] ?? '').toLowerCase();
  if (command && !command[2]) return { kind: 'command', query: commandName, start: 0 };
  const word = wordTrigger(before);
  if (word) return word;
  return command ? { kind: 'command', query: commandName + command[2], start: 0 } : null;
}

function wordTrigger(before: string): Trigger | null {
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

/** Whether choosing `completion` would leave the text as it is (a command's argument hint): Enter then sends. */
export function completesNothing(text: string, caret: number, trigger: Trigger, completion: string): boolean {
  return applyCompletion(text, caret, trigger, completion).text.trim() === text.trim();
}
