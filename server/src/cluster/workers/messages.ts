import type { ServerEvent } from '../../model/events.js';

/**
 * What the supervisor and its workers tell each other over node:cluster's IPC
 * channel. Every message is tagged with `parley` so both sides can ignore the
 * ones other libraries send on the same channel (prom-client's metrics requests).
 */
export type WorkerMessage =
  /** Worker -> supervisor: events to relay to every other worker, in publish order; supervisor -> worker: relayed ones. */
  | { parley: 'events'; events: ServerEvent[] }
  /** Worker -> supervisor: the worker's open WebSocket count. */
  | { parley: 'sockets'; count: number }
  /** Supervisor -> worker: the open WebSockets of every other worker together. */
  | { parley: 'peer_sockets'; count: number };

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null;

/** A message of ours, or undefined for anything else on the channel. */
export function asWorkerMessage(message: unknown): WorkerMessage | undefined {
  if (!isRecord(message)) return undefined;
  switch (message.parley) {
    case 'events':
      return Array.isArray(message.events) ? message as WorkerMessage : undefined;
    case 'sockets':
    case 'peer_sockets':
      return typeof message.count === 'number' ? message as WorkerMessage : undefined;
    default:
      return undefined;
  }
}

/** The IPC end a worker holds (its `process`), narrowed to what the bus and the socket tally use. */
export interface SupervisorChannel {
  send(message: WorkerMessage): void;
  on(event: 'message', listener: (message: unknown) => void): void;
  off(event: 'message', listener: (message: unknown) => void): void;
}

/** This process's IPC channel to its supervisor; only defined in a node:cluster worker. */
export function supervisorChannel(): SupervisorChannel | undefined {
  if (!process.send) return undefined;
  const send = process.send.bind(process);
  return {
    // A send after the supervisor is gone fails; the worker is then about to exit (it listens for 'disconnect').
    send: (message) => {
      if (process.connected) send(message);
    },
    on: (event, listener) => process.on(event, listener),
    off: (event, listener) => process.off(event, listener),
  };
}
