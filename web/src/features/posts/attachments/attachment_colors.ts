/** Slack's named attachment colours, as Mattermost's web app draws them. */
const NAMED_COLORS: Record<string, string> = { good: '#00c100', warning: '#dede01', danger: '#e40303' };

const HEX = /^#?([0-9a-f]{3}|[0-9a-f]{6})$/i;

/** The colour of an attachment's left bar: a named colour or a hex value (with or without `#`); nothing otherwise. */
export function attachmentColor(color: string | undefined): string | undefined {
  if (!color) return undefined;
  const named = NAMED_COLORS[color.toLowerCase()];
  if (named) return named;
  const hex = HEX.exec(color.trim());
  return hex ? `#${hex[1]}` : undefined;
}

/** The styles a button may name (Mattermost's PostAction styles); anything else draws as `default`. */
const BUTTON_STYLES = new Set(['default', 'primary', 'success', 'good', 'warning', 'danger']);

/** How an action button is drawn: a named style's class, or a hex colour for its text and border. */
export function buttonStyle(style: string | undefined): { className: string; color?: string } {
  const name = (style ?? '').toLowerCase();
  if (BUTTON_STYLES.has(name)) return { className: `action-button-${name === 'good' ? 'success' : name}` };
  const hex = style ? HEX.exec(style.trim()) : null;
  return hex ? { className: 'action-button-custom', color: `#${hex[1]}` } : { className: 'action-button-default' };
}
