import type { MattermostErrorBody } from '../model/errors.js';
import type { ServerEvent } from '../model/events.js';

/**
 * A server event serialized once for every recipient, up to the `seq` value
 * each connection appends (`prefix + seq + "}"`), so a fan-out to thousands
 * of sockets stringifies the payload only once.
 */
export type EventPrefix = string;

export function eventPrefix(event: ServerEvent): EventPrefix {
  return `{"event":${JSON.stringify(event.event)},"data":${JSON.stringify(event.data)},"broadcast":${JSON.stringify(event.broadcast)},"seq":`;
}

export const eventFrame = (prefix: EventPrefix, seq: number): string => `${prefix}${seq}}`;

/** The answer to a client action; it carries `seq_reply` and never consumes an event seq. */
export interface Reply {
  status: 'OK' | 'FAIL';
  seq_reply: number;
  data?: unknown;
  error?: MattermostErrorBody;
}
