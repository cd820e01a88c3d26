export interface Segment {
  text: string;
  match: boolean;
}

const WORD_CHAR = '[\\p{L}\\p{N}_]';
const CJK = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/u;

/** Lowercase without accents, so `cafe` highlights `Café` as the server found it. */
function fold(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
}

function escapeRegex(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&');
}

/** One alternative per word: whole words, `prefix*`, phrases (any spacing); CJK runs match anywhere. */
function wordPattern(word: string): string | null {
  let w = fold(word.trim().replace(/^"|"$/g, '')).trim();
  const prefix = w.endsWith('*');
  w = w.replace(/\*+$/, '');
  if (!w) return null;
  const body = w.split(/\s+/).map(escapeRegex).join('\\s+');
  if (CJK.test(w)) return body;
  const left = /^[\p{L}\p{N}_]/u.test(w) ? `(?<!${WORD_CHAR})` : '';
  const right = prefix ? `${WORD_CHAR}*` : /[\p{L}\p{N}_]$/u.test(w) ? `(?!${WORD_CHAR})` : '';
  return `${left}${body}${right}`;
}

/** The regex for a set of words (longest first, so a phrase wins over its own words), or null when none is usable. */
export function matchPattern(words: readonly string[]): RegExp | null {
  const parts = [...new Set(words)]
    .sort((a, b) => b.length - a.length)
    .map(wordPattern)
    .filter((p): p is string => p !== null);
  return parts.length > 0 ? new RegExp(parts.join('|'), 'gu') : null;
}

/**
 * Splits text into plain and matching parts. Matching runs on the folded text; each folded
 * character remembers which original character it came from, so the parts are cut from the original.
 */
export function splitMatches(text: string, words: readonly string[], pattern: RegExp | null = matchPattern(words)): Segment[] {
  if (!pattern || !text) return text ? [{ text, match: false }] : [];
  let folded = '';
  const origin: number[] = [];
  let index = 0;
  for (const ch of text) {
    const f = fold(ch);
    folded += f;
    for (let i = 0; i < f.length; i++) origin.push(index);
    index += ch.length;
  }
  origin.push(text.length);
  const segments: Segment[] = [];
  let last = 0;
  pattern.lastIndex = 0;
  for (let m = pattern.exec(folded); m; m = pattern.exec(folded)) {
    if (m[0].length === 0) {
      pattern.lastIndex++;
      continue;
    }
    const start = origin[m.index];
    const end = origin[m.index + m[0].length];
    if (start > last) segments.push({ text: text.slice(last, start), match: false });
    if (end > start) segments.push({ text: text.slice(start, end), match: true });
    last = Math.max(last, end);
  }
  if (last < text.length) segments.push({ text: text.slice(last), match: false });
  return segments;
}

/**
 * Wraps the matching words of already-sanitised HTML in `<mark>`. Only text nodes are touched and
 * the new nodes are built with createTextNode/textContent, so nothing in the text can become markup.
 */
export function highlightHtml(html: string, words: readonly string[]): string {
  const pattern = matchPattern(words);
  if (!pattern) return html;
  const template = document.createElement('template');
  template.innerHTML = html;
  const walker = document.createTreeWalker(template.content, NodeFilter.SHOW_TEXT);
  const texts: Text[] = [];
  for (let node = walker.nextNode(); node; node = walker.nextNode()) texts.push(node as Text);
  for (const node of texts) {
    const segments = splitMatches(node.data, words, pattern);
    if (!segments.some((s) => s.match)) continue;
    const fragment = document.createDocumentFragment();
    for (const s of segments) {
      if (s.match) {
        const mark = document.createElement('mark');
        mark.className = 'search-highlight';
        mark.textContent = s.text;
        fragment.append(mark);
      } else {
        fragment.append(document.createTextNode(s.text));
      }
    }
    node.replaceWith(fragment);
  }
  return template.innerHTML;
}
