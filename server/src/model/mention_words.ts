// The word rules mention detection and its index share: what separates words,
// how a word is normalised, and which words of a user's settings can start a
// mention of them. The store indexes those first words so a new post finds
// the few members it may mention without reading every member of the channel.

/** Anything but letters, digits and the characters usernames may contain. */
export const WORD_SEPARATOR = /[^\p{L}\p{Nd}_.\-@]+/u;

/** Leading @s and trailing punctuation go: "@bob." and "bob" are the same word. */
export function normalizeWord(word: string): string {
  return word.replace(/^@+/, '').replace(/[._-]+$/, '');
}

/** The normalised words of a text, in order. */
export function wordsOf(text: string): string[] {
  return text.split(WORD_SEPARATOR).map(normalizeWord).filter(Boolean);
}

/** A user's custom mention keys (notify_props.mention_keys, comma-separated), lower case. */
export function mentionKeys(notifyProps: { mention_keys?: string }): string[] {
  return (notifyProps.mention_keys ?? '').split(',').map((k) => k.trim().toLowerCase()).filter(Boolean);
}

/**
 * The lower-case first word of each way the user can be mentioned beyond @username: their mention keys and,
 * when they turned it on, their first name. A message can only mention them if it contains one of these words.
 */
export function mentionFirstWords(notifyProps: { mention_keys?: string; first_name?: string }, firstName: string): string[] {
  const phrases = mentionKeys(notifyProps);
  if (notifyProps.first_name === 'true' && firstName.trim() !== '') phrases.push(firstName.trim().toLowerCase());
  const first = phrases.map((phrase) => wordsOf(phrase)[0]).filter((w): w is string => w !== undefined);
  return [...new Set(first)];
}
