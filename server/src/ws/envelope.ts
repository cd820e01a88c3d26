import type { MattermostErrorBody } from '../model/errors.js';
import type { ServerEvent } from '../model/events.js';

/**
 * A server event serialized once for every recipient: its JSON up to the `seq` value each connection appends
 * (`prefix + seq + "}"`), as one Buffer that every socket's send and every replay ring references, so a fan-out to
 * thousands of sockets neither stringifies nor copies the payload per socket.
 */
export type EventPrefix = Buffer;

export function eventPrefix(event: ServerEvent): EventPrefix {
  return Buffer.from(`{"event":${JSON.stringify(event.event)},"data":${JSON.stringify(event.data)},"broadcast":${JSON.stringify(event.broadcast)},"seq":`);
}

/** What follows the shared prefix on one connection. */
export const eventTail = (seq: number): string => `${seq}}`;

/** The answer to a client action; it carries `seq_reply` and never consumes an event seq. */
export interface Reply {
  status: 'OK' | 'FAIL';
  seq_reply: number;
  data?: unknown;
  error?: MattermostErrorBody;
}
