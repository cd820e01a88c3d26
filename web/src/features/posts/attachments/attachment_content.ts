import type { PostAction } from '@mattermost/types/integration_actions';
import type { MessageAttachment, MessageAttachmentField } from '@mattermost/types/message_attachments';
import type { Post } from '@mattermost/types/posts';

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const text = (v: unknown): string | undefined => (typeof v === 'string' ? v : typeof v === 'number' ? String(v) : undefined);

const TEXT_KEYS = ['fallback', 'color', 'pretext', 'author_name', 'author_link', 'author_icon', 'title', 'title_link', 'text', 'image_url', 'thumb_url', 'footer', 'footer_icon'] as const;
const ACTION_TEXT_KEYS = ['id', 'type', 'name', 'tooltip', 'style', 'data_source', 'default_option', 'cookie'] as const;

function actionOf(value: Record<string, unknown>): PostAction {
  const action: PostAction = { name: '' };
  for (const key of ACTION_TEXT_KEYS) {
    const v = text(value[key]);
    if (v !== undefined) action[key] = v;
  }
  if (value.disabled === true) action.disabled = true;
  if (Array.isArray(value.options)) {
    action.options = value.options.filter(isObject).map((o) => ({ text: text(o.text) ?? '', value: text(o.value) ?? '' }));
  }
  return action;
}

/**
 * The Slack-style attachments of a post (props.attachments). Any poster may put anything there, so only fields of
 * the right type are kept: a malformed attachment draws partly, never breaks the channel.
 */
export function attachmentsOf(post: Pick<Post, 'props'>): MessageAttachment[] {
  const value = post.props?.attachments;
  if (!Array.isArray(value)) return [];
  return value.filter(isObject).map((raw) => {
    const attachment: MessageAttachment & { ts?: string } = {};
    for (const key of TEXT_KEYS) {
      const v = text(raw[key]);
      if (v !== undefined) attachment[key] = v;
    }
    const ts = text(raw.ts);
    if (ts !== undefined) attachment.ts = ts;
    if (Array.isArray(raw.fields)) {
      attachment.fields = raw.fields.filter(isObject).map((f) => ({ title: text(f.title) ?? '', value: fieldText(f.value), short: f.short === true }));
    }
    if (Array.isArray(raw.actions)) attachment.actions = raw.actions.filter(isObject).map(actionOf);
    return attachment;
  });
}

/**
 * The text standing for a post's attachments where they cannot be drawn (a desktop notification): each one's
 * fallback, else its pretext, title or text, as Mattermost does.
 */
export function attachmentFallback(post: Pick<Post, 'props'>): string {
  return attachmentsOf(post)
    .map((a) => a.fallback || a.pretext || a.title || a.text || '')
    .filter(Boolean)
    .join('\n');
}

/** Fields laid out as Slack does: short fields side by side, two to a row; a long field takes a row of its own. */
export function fieldRows(fields: readonly MessageAttachmentField[]): MessageAttachmentField[][] {
  const rows: MessageAttachmentField[][] = [];
  let pending: MessageAttachmentField | undefined;
  for (const field of fields) {
    if (field.short) {
      if (pending) {
        rows.push([pending, field]);
        pending = undefined;
      } else pending = field;
      continue;
    }
    if (pending) rows.push([pending]);
    pending = undefined;
    rows.push([field]);
  }
  if (pending) rows.push([pending]);
  return rows;
}

/** A field's value as text (integrations send numbers and booleans too). */
export function fieldText(value: unknown): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return '';
}

/** An attachment's `ts` (Unix seconds, as a number or text) as milliseconds; undefined when it is not a time. */
export function attachmentTime(ts: unknown): number | undefined {
  const seconds = typeof ts === 'number' ? ts : typeof ts === 'string' && ts.trim() !== '' ? Number(ts) : NaN;
  return Number.isFinite(seconds) && seconds > 0 ? Math.round(seconds * 1000) : undefined;
}
