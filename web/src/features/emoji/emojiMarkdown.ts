import type { StateCore, Token } from 'markdown-it';
import type { EmojiRef } from './emojiIndex';
import { emojiIndexNow } from './emojiStore';

/** Cheap first test: could this text hold an emoji at all? */
const MAYBE_EMOJI = /[\p{ExtPict}\p{RI}\u20E3]/u;

const escapeHtml = (text: string): string => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** The markup of a standard emoji in a message: classes only (the CSP forbids style attributes). */
export function emojiHtml(ref: EmojiRef, label: string): string {
  const l = escapeHtml(label);
  return `<span class="emoji emoji-sprite ex-${ref.cell[0]} ey-${ref.cell[1]}" role="img" aria-label="${l}" title="${l}">${ref.char}</span>`;
}

/** `:name:` of a standard emoji, or undefined (unknown, or the data is still loading: it renders as text until then). */
export function shortcodeHtml(name: string): string | undefined {
  const ref = emojiIndexNow()?.get(name);
  return ref ? emojiHtml(ref, `:${name}:`) : undefined;
}

function splitText(token: Token, state: StateCore): Token[] | null {
  const text = token.content;
  if (!MAYBE_EMOJI.test(text)) return null;
  const index = emojiIndexNow();
  const matches = index?.scan(text) ?? [];
  if (matches.length === 0) return null;
  const out: Token[] = [];
  let pos = 0;
  const push = (type: 'text' | 'html_inline', content: string): void => {
    const t = new state.Token(type, '', 0);
    t.content = content;
    out.push(t);
  };
  for (const m of matches) {
    if (m.index > pos) push('text', text.slice(pos, m.index));
    push('html_inline', emojiHtml(m.ref, m.ref.char));
    pos = m.index + m.length;
  }
  if (pos < text.length) push('text', text.slice(pos));
  return out;
}

/** A core rule: Unicode emoji in text (not in code) become sprite images too. */
export function unicodeEmojiRule(state: StateCore): void {
  for (const block of state.tokens) {
    if (block.type !== 'inline' || !block.children) continue;
    block.children = block.children.flatMap((child) => (child.type === 'text' ? (splitText(child, state) ?? [child]) : [child]));
  }
}
