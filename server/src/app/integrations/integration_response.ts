import { isObject } from '../../config/document/paths.js';

/**
 * What an integration answers (a custom slash command, an outgoing webhook): Mattermost's CommandResponse and
 * OutgoingWebhookResponse share these fields. Parsed leniently, as Mattermost does: fields of the wrong type are
 * ignored rather than failing the whole answer; an answer that is not a JSON object is plain text.
 */
export interface IntegrationResponse {
  /** `in_channel` posts for everyone; `ephemeral` (commands' default) shows only the caller; `comment` replies. */
  response_type?: string;
  text: string;
  username?: string;
  icon_url?: string;
  channel_id?: string;
  type?: string;
  props?: Record<string, unknown>;
  /** Validated later, with the rest of the post (attachments.ts). */
  attachments?: unknown;
  goto_location?: string;
  trigger_id?: string;
  skip_slack_parsing?: boolean;
  extra_responses?: IntegrationResponse[];
}

const text = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);

/** Reads an answer's body: JSON when it is an object, otherwise its text as the message. */
export function parseIntegrationResponse(body: string, contentType: string): IntegrationResponse {
  if (contentType === 'application/json' || /^\s*\{/.test(body)) {
    try {
      const parsed: unknown = JSON.parse(body);
      if (isObject(parsed)) return integrationResponseOf(parsed);
    } catch {
      // Not JSON after all: the body is the message.
    }
  }
  return { text: body };
}

/** The response an already parsed JSON object gives. */
export const integrationResponseOf = (value: Record<string, unknown>): IntegrationResponse => fromObject(value, 0);

function fromObject(value: Record<string, unknown>, depth: number): IntegrationResponse {
  const response: IntegrationResponse = { text: text(value.text) ?? '' };
  for (const key of ['response_type', 'username', 'icon_url', 'channel_id', 'type', 'goto_location', 'trigger_id'] as const) {
    const field = text(value[key]);
    if (field !== undefined) response[key] = field;
  }
  if (isObject(value.props)) response.props = value.props;
  if (value.attachments !== undefined && value.attachments !== null) response.attachments = value.attachments;
  if (value.skip_slack_parsing === true) response.skip_slack_parsing = true;
  // Extra responses are one level deep, as in Mattermost.
  if (depth === 0 && Array.isArray(value.extra_responses)) {
    response.extra_responses = value.extra_responses.filter(isObject).map((extra) => fromObject(extra, 1));
  }
  return response;
}
