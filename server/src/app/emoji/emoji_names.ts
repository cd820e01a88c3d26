import { AppError } from '../../model/errors.js';
import { isSystemEmojiName } from './system_emoji_names.js';

/** A custom emoji's name: lowercase letters, digits, `_`, `-` and `+`, at most 64 characters, as Mattermost's. */
const CUSTOM_NAME = /^[a-z0-9_+-]{1,64}$/;

/** `:name:` in a message, as the clients render emoji. */
const IN_TEXT = /:([a-z0-9_+-]{1,64}):/g;

export { isSystemEmojiName };

export function validateCustomEmojiName(name: string): void {
  if (!CUSTOM_NAME.test(name)) {
    throw new AppError('model.emoji.name.app_error', 'Name must be 1 to 64 lowercase letters, digits and the symbols -, + and _.', 400);
  }
  if (isSystemEmojiName(name)) {
    throw new AppError('model.emoji.system_emoji_name.app_error', 'That name is taken by a system emoji.', 400);
  }
}

/**
 * Names that may be custom emoji among `:name:` in a text and the given reaction names: not the built-in ones,
 * so a page of ordinary messages and reactions needs no lookup at all.
 */
export function customEmojiCandidates(texts: readonly string[], reactionNames: readonly string[]): string[] {
  const names = new Set<string>();
  for (const text of texts) {
    if (!text.includes(':')) continue;
    for (const match of text.matchAll(IN_TEXT)) names.add(match[1]);
  }
  for (const name of reactionNames) names.add(name);
  return [...names].filter((name) => CUSTOM_NAME.test(name) && !isSystemEmojiName(name));
}
