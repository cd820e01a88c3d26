import { AppError } from '../../../model/errors.js';
import { parseUntrustedJson } from '../../../model/safe_json.js';

/** What a service posts to an incoming webhook (Mattermost's IncomingWebhookRequest). */
export interface IncomingWebhookRequest {
  text: string;
  username: string;
  icon_url: string;
  icon_emoji: string;
  /** A channel name in the hook's team (`town-square` or `#town-square`), or `@username` for a DM with the hook's owner. */
  channel: string;
  type: string;
  props: Record<string, unknown>;
  /** Validated with the post (attachments.ts). */
  attachments?: unknown;
}

const unparsable = (detail: string): AppError =>
  new AppError('model.incoming_hook.parse_data.app_error', `Unable to parse the incoming webhook's data: ${detail}.`, 400);

const TEXT_FIELDS = ['text', 'username', 'icon_url', 'icon_emoji', 'channel', 'type'] as const;

/**
 * Reads a webhook request's body as Mattermost does: JSON, or a form whose `payload` field holds the JSON (Slack's
 * form). Many senders put raw newlines and tabs inside JSON strings; such a body is read again with those escaped.
 * Fields of the wrong type are a 400, as a JSON decoder into typed fields would answer.
 */
export function parseIncomingPayload(body: string, mediaType: string): IncomingWebhookRequest {
  const json = mediaType === 'application/x-www-form-urlencoded' ? new URLSearchParams(body).get('payload') ?? '' : body;
  const value = parseLenient(json);
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw unparsable('the payload must be a JSON object');
  const fields = value as Record<string, unknown>;
  const request: IncomingWebhookRequest = { text: '', username: '', icon_url: '', icon_emoji: '', channel: '', type: '', props: {} };
  for (const key of TEXT_FIELDS) {
    const field = fields[key];
    if (field === undefined || field === null) continue;
    if (typeof field !== 'string') throw unparsable(`${key} must be a string`);
    request[key] = field;
  }
  if (fields.props !== undefined && fields.props !== null) {
    if (typeof fields.props !== 'object' || Array.isArray(fields.props)) throw unparsable('props must be an object');
    request.props = fields.props as Record<string, unknown>;
  }
  if (fields.attachments !== undefined && fields.attachments !== null) request.attachments = fields.attachments;
  return request;
}

function parseLenient(text: string): unknown {
  try {
    return parseUntrustedJson(text);
  } catch {
    try {
      return parseUntrustedJson(escapeControlCharsInStrings(text));
    } catch (err) {
      throw unparsable(err instanceof Error ? err.message : 'malformed JSON');
    }
  }
}

/** Escapes raw newlines, carriage returns and tabs inside JSON string literals (outside them they are whitespace). */
function escapeControlCharsInStrings(text: string): string {
  let out = '';
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (inString && c === '\\') {
      out += c + (text[i + 1] ?? '');
      i++;
      continue;
    }
    if (c === '"') inString = !inString;
    out += inString && c === '\n' ? '\\n' : inString && c === '\r' ? '\\r' : inString && c === '\t' ? '\\t' : c;
  }
  return out;
}
