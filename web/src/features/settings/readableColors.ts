/** Text colours of a theme nudged just far enough to be readable (WCAG AA, 4.5:1) on the backgrounds they sit on. */

type Rgb = [number, number, number];

function parseHex(hex: string): Rgb | null {
  const m = /^#?([0-9a-f]{6})$/i.exec(hex.trim());
  if (!m) return null;
  const n = parseInt(m[1], 16);
  return [(n >> 16) & 255, (n >> 8) & 255, n & 255];
}

function toHex(c: Rgb): string {
  return `#${c.map((v) => Math.round(v).toString(16).padStart(2, '0')).join('')}`;
}

function luminance([r, g, b]: Rgb): number {
  const channel = (v: number): number => {
    const s = v / 255;
    return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b);
}

function ratio(a: Rgb, b: Rgb): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (hi + 0.05) / (lo + 0.05);
}

/** `top` at opacity `alpha` over `bottom`. */
function blend(top: Rgb, bottom: Rgb, alpha: number): Rgb {
  return [0, 1, 2].map((i) => top[i] * alpha + bottom[i] * (1 - alpha)) as Rgb;
}

/** WCAG contrast ratio of two "#rrggbb" colours (1 when either does not parse). */
export function contrastRatio(a: string, b: string): number {
  const x = parseHex(a);
  const y = parseHex(b);
  return x && y ? ratio(x, y) : 1;
}

/**
 * `color` moved towards black (on light backgrounds) or white (on dark ones) in small steps until it reaches `min`
 * against every background; unchanged when it already does or does not parse.
 */
export function readableOn(color: string, backgrounds: string[], min = 4.5): string {
  const fg = parseHex(color);
  const bgs = backgrounds.map(parseHex).filter((c): c is Rgb => c !== null);
  if (!fg || bgs.length === 0) return color;
  const target: Rgb = luminance(bgs[0]) > 0.18 ? [0, 0, 0] : [255, 255, 255];
  for (let step = 0; step <= 50; step += 1) {
    const candidate = blend(target, fg, step / 50);
    if (bgs.every((bg) => ratio(candidate, bg) >= min)) return step === 0 ? color : toHex(candidate);
  }
  return toHex(target);
}

interface TextColors {
  centerChannelBg: string;
  centerChannelColor: string;
  mentionHighlightBg: string;
  linkColor: string;
  errorTextColor: string;
}

/**
 * The theme's link and error colours as the app paints text with them: on the centre background, on a hovered or
 * focused row (8 % of the text colour over it) and on a post that mentions me (14 % of the highlight).
 */
export function readableTextColors(theme: TextColors): Pick<TextColors, 'linkColor' | 'errorTextColor'> {
  const bg = parseHex(theme.centerChannelBg);
  const fg = parseHex(theme.centerChannelColor);
  const highlight = parseHex(theme.mentionHighlightBg);
  if (!bg || !fg || !highlight) return { linkColor: theme.linkColor, errorTextColor: theme.errorTextColor };
  const backgrounds = [bg, blend(fg, bg, 0.08), blend(highlight, bg, 0.14)].map(toHex);
  return { linkColor: readableOn(theme.linkColor, backgrounds), errorTextColor: readableOn(theme.errorTextColor, backgrounds) };
}
