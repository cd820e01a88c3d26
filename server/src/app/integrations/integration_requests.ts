import { integrationRequestDuration } from '../../metrics/registry.js';
import { AppError } from '../../model/errors.js';
import { OutboundError, type GuardedResponse } from '../../outbound/outbound_http.js';
import type { AppDeps } from '../deps.js';

/** The most of an integration's answer read: far more than any command or action response needs. */
const MAX_RESPONSE_BYTES = 1024 * 1024;

/** What calls an integration (the `kind` of its duration metric). */
export type IntegrationKind = 'outgoing_webhook' | 'slash_command' | 'message_action' | 'dialog';

/** A request to an integration's URL: an outgoing webhook, a custom slash command, a message action, a dialog. */
export interface IntegrationCall {
  kind: IntegrationKind;
  url: string;
  method?: 'POST' | 'GET';
  /** A JSON body (POST). */
  json?: unknown;
  /** Form fields: the body of a POST, the query string of a GET. */
  form?: Record<string, string>;
  headers?: Record<string, string>;
}

export interface IntegrationAnswer {
  status: number;
  /** The response's media type in lower case, without parameters. */
  contentType: string;
  body: Buffer;
}

/**
 * Calls an integration as Mattermost does: within ServiceSettings.OutgoingIntegrationRequestsTimeout seconds,
 * and never to a private, loopback or link-local address unless ServiceSettings.AllowedUntrustedInternalConnections
 * names it (the outbound client checks every address after DNS and after each redirect, before connecting).
 * Failures are OutboundError values (refused address, timeout, network); HTTP statuses are the caller's to judge.
 */
export async function callIntegration(deps: AppDeps, call: IntegrationCall): Promise<IntegrationAnswer> {
  const service = deps.liveConfig.document.ServiceSettings;
  const method = call.method ?? 'POST';
  const headers: Record<string, string> = { ...call.headers };
  let url = call.url;
  let body: string | undefined;
  if (call.json !== undefined) {
    headers['content-type'] = 'application/json';
    body = JSON.stringify(call.json);
  } else if (call.form) {
    const encoded = new URLSearchParams(call.form).toString();
    if (method === 'GET') url = withQuery(url, encoded);
    else {
      headers['content-type'] = 'application/x-www-form-urlencoded';
      body = encoded;
    }
  }
  const timer = integrationRequestDuration.startTimer({ kind: call.kind });
  let response: GuardedResponse;
  try {
    response = await deps.outbound.fetchGuarded(url, {
      allowedHosts: service.AllowedUntrustedInternalConnections ?? '',
      timeoutMs: Math.max(1, service.OutgoingIntegrationRequestsTimeout ?? 30) * 1000,
      maxBytes: MAX_RESPONSE_BYTES, accept: 'application/json', method, headers, body,
    });
  } catch (err) {
    timer({ result: err instanceof OutboundError ? err.reason : 'error' });
    throw err;
  }
  timer({ result: `${Math.floor(response.status / 100)}xx` });
  const contentType = (response.headers['content-type'] ?? '').split(';')[0].trim().toLowerCase();
  return { status: response.status, contentType, body: response.body };
}

function withQuery(url: string, query: string): string {
  if (!query) return url;
  return `${url}${url.includes('?') ? '&' : '?'}${query}`;
}

/** The answer's JSON body, or undefined when it is not JSON. */
export function answerJson(answer: IntegrationAnswer): unknown {
  try {
    return JSON.parse(answer.body.toString('utf8'));
  } catch {
    return undefined;
  }
}

/**
 * Why a call failed, for the user who caused it (an ephemeral message, an error toast): says what went wrong without
 * the details of the network (the server log has those).
 */
export function integrationFailure(err: unknown, errorId: string): AppError {
  if (err instanceof OutboundError) {
    const reason = err.reason === 'forbidden_address'
      ? 'the integration\'s address is not allowed (an internal address not listed in AllowedUntrustedInternalConnections)'
      : err.reason === 'timeout' ? 'the integration did not answer in time'
        : err.reason === 'invalid_url' ? 'the integration\'s URL is not valid'
          : 'the integration could not be reached';
    return new AppError(errorId, `The request failed: ${reason}.`, 400, err.message);
  }
  if (err instanceof AppError) return err;
  return new AppError(errorId, 'The request to the integration failed.', 500, String(err));
}
