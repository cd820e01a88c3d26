import { isObject } from '../../config/document/paths.js';
import { AppError } from '../../model/errors.js';
import { newId } from '../../model/id.js';
import { slackToMarkdown } from './slack_markup.js';

/** Where a message action sends its clicks (kept on the stored post; never shown to clients). */
export interface ActionIntegration {
  url: string;
  context?: Record<string, unknown>;
}

export interface StoredActionOption {
  text: string;
  value: string;
}

/** A button or select menu of an attachment, as stored (Mattermost's PostAction). */
export interface StoredAction {
  id: string;
  type: 'button' | 'select';
  name: string;
  tooltip?: string;
  disabled?: boolean;
  style?: string;
  data_source?: string;
  options?: StoredActionOption[];
  default_option?: string;
  integration?: ActionIntegration;
  cookie?: string;
}

export interface StoredAttachmentField {
  title: string;
  value: string | number | boolean;
  short: boolean;
}

/** A Slack-style message attachment as stored in a post's `attachments` prop (Mattermost's SlackAttachment). */
export interface StoredAttachment {
  id?: number;
  fallback?: string;
  color?: string;
  pretext?: string;
  author_name?: string;
  author_link?: string;
  author_icon?: string;
  title?: string;
  title_link?: string;
  text?: string;
  fields?: StoredAttachmentField[];
  image_url?: string;
  thumb_url?: string;
  footer?: string;
  footer_icon?: string;
  ts?: string | number;
  actions?: StoredAction[];
}

/** More than any real message carries; the post's props limit bounds the bytes. */
const MAX_ATTACHMENTS = 100;
const MAX_FIELDS = 100;
const MAX_ACTIONS = 25;
const MAX_OPTIONS = 500;

const TEXT_KEYS = ['fallback', 'color', 'pretext', 'author_name', 'author_link', 'author_icon', 'title', 'title_link', 'text', 'image_url', 'thumb_url', 'footer', 'footer_icon'] as const;
/** Keys whose text is Slack markup (converted unless the sender asked not to). */
const MARKUP_KEYS = new Set(['pretext', 'text']);

const invalid = (message: string): AppError => new AppError('model.post.is_valid.attachments.app_error', message, 400);

/**
 * Checks and normalises the `attachments` an integration sent: an array of objects whose known fields have the
 * right types (numbers and booleans where Slack allows text are kept as text), unknown keys dropped, Slack markup
 * turned into Markdown unless `skipSlackParsing`, and every action given an id. Anything else is a 400 naming the
 * attachment at fault. `undefined` and `null` mean none.
 */
export function normalizeAttachments(value: unknown, options: { skipSlackParsing?: boolean } = {}): StoredAttachment[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) throw invalid('attachments must be an array of objects.');
  if (value.length > MAX_ATTACHMENTS) throw invalid(`A message may have at most ${MAX_ATTACHMENTS} attachments.`);
  return value.map((item, index) => normalizeAttachment(item, index, options.skipSlackParsing ?? false));
}

function normalizeAttachment(item: unknown, index: number, skipSlackParsing: boolean): StoredAttachment {
  if (!isObject(item)) throw invalid(`attachments[${index}] must be an object.`);
  const attachment: StoredAttachment = {};
  for (const key of TEXT_KEYS) {
    const text = textOf(item[key], `attachments[${index}].${key}`);
    if (text === undefined) continue;
    attachment[key] = MARKUP_KEYS.has(key) && !skipSlackParsing ? slackToMarkdown(text) : text;
  }
  if (typeof item.id === 'number' && Number.isSafeInteger(item.id)) attachment.id = item.id;
  if (typeof item.ts === 'number' || typeof item.ts === 'string') attachment.ts = item.ts;
  if (item.fields !== undefined && item.fields !== null) attachment.fields = normalizeFields(item.fields, index, skipSlackParsing);
  if (item.actions !== undefined && item.actions !== null) attachment.actions = normalizeActions(item.actions, index);
  return attachment;
}

function textOf(value: unknown, where: string): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  throw invalid(`${where} must be text.`);
}

function normalizeFields(value: unknown, index: number, skipSlackParsing: boolean): StoredAttachmentField[] {
  if (!Array.isArray(value)) throw invalid(`attachments[${index}].fields must be an array.`);
  if (value.length > MAX_FIELDS) throw invalid(`An attachment may have at most ${MAX_FIELDS} fields.`);
  return value.map((field, i) => {
    const where = `attachments[${index}].fields[${i}]`;
    if (!isObject(field)) throw invalid(`${where} must be an object.`);
    const raw = field.value;
    let fieldValue: string | number | boolean;
    if (raw === undefined || raw === null) fieldValue = '';
    else if (typeof raw === 'string') fieldValue = skipSlackParsing ? raw : slackToMarkdown(raw);
    else if (typeof raw === 'number' || typeof raw === 'boolean') fieldValue = raw;
    else throw invalid(`${where}.value must be text or a number.`);
    return { title: textOf(field.title, `${where}.title`) ?? '', value: fieldValue, short: field.short === true || field.short === 'true' };
  });
}

function normalizeActions(value: unknown, index: number): StoredAction[] {
  if (!Array.isArray(value)) throw invalid(`attachments[${index}].actions must be an array.`);
  if (value.length > MAX_ACTIONS) throw invalid(`An attachment may have at most ${MAX_ACTIONS} actions.`);
  return value.map((item, i) => {
    const where = `attachments[${index}].actions[${i}]`;
    if (!isObject(item)) throw invalid(`${where} must be an object.`);
    const type = item.type === undefined || item.type === '' ? 'button' : item.type;
    if (type !== 'button' && type !== 'select') throw invalid(`${where}.type must be button or select.`);
    // Action ids travel in URL paths (/posts/{id}/actions/{action_id}): only letters and digits are kept as given.
    const id = typeof item.id === 'string' && /^[A-Za-z0-9]{1,64}$/.test(item.id) ? item.id : newId();
    const action: StoredAction = { id, type, name: textOf(item.name, `${where}.name`) ?? '' };
    for (const key of ['tooltip', 'style', 'data_source', 'default_option', 'cookie'] as const) {
      const text = textOf(item[key], `${where}.${key}`);
      if (text !== undefined) action[key] = text;
    }
    if (item.disabled === true) action.disabled = true;
    if (item.options !== undefined && item.options !== null) action.options = normalizeOptions(item.options, where);
    if (item.integration !== undefined && item.integration !== null) action.integration = normalizeIntegration(item.integration, where);
    return action;
  });
}

function normalizeOptions(value: unknown, where: string): StoredActionOption[] {
  if (!Array.isArray(value)) throw invalid(`${where}.options must be an array.`);
  if (value.length > MAX_OPTIONS) throw invalid(`A menu may have at most ${MAX_OPTIONS} options.`);
  return value.map((option, i) => {
    if (!isObject(option)) throw invalid(`${where}.options[${i}] must be an object.`);
    return { text: textOf(option.text, `${where}.options[${i}].text`) ?? '', value: textOf(option.value, `${where}.options[${i}].value`) ?? '' };
  });
}

function normalizeIntegration(value: unknown, where: string): ActionIntegration {
  if (!isObject(value)) throw invalid(`${where}.integration must be an object.`);
  const url = textOf(value.url, `${where}.integration.url`) ?? '';
  if (value.context !== undefined && value.context !== null && !isObject(value.context)) throw invalid(`${where}.integration.context must be an object.`);
  return value.context ? { url, context: value.context as Record<string, unknown> } : { url };
}

