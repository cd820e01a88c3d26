/**
 * The length of a string in Unicode code points (Go's runes, which Mattermost's limits count), without building an
 * array of them as `[...text].length` would: UTF-16 units less the second unit of each surrogate pair.
 */
export function codePointLength(text: string): number {
  let pairs = 0;
  for (let i = 0; i < text.length - 1; i++) {
    const unit = text.charCodeAt(i);
    if (unit >= 0xd800 && unit <= 0xdbff) {
      const next = text.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) {
        pairs++;
        i++;
      }
    }
  }
  return text.length - pairs;
}
