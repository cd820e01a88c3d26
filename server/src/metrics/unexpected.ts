import { unexpectedErrors } from './registry.js';

/** Where an unexpected exception was caught; the `source` label of `parley_unexpected_errors_total`. */
export type UnexpectedSource =
  | 'websocket_upgrade' | 'websocket_socket' | 'websocket_timer' | 'bus_subscriber' | 'bus_message' | 'timer'
  | 'uncaught_exception' | 'unhandled_rejection' | 'background_job';

/** The part of a pino logger this needs. */
export interface ErrorLog {
  error(details: object, message: string): void;
}

const consoleLog: ErrorLog = { error: (details, message) => console.error(`parley: ${message}`, details) };

/**
 * A bug or an unforeseen input outside any request handler: logged and
 * counted, never fatal. One bad socket, timer tick or event must not take
 * every other user's connection down with the process.
 */
export function reportUnexpected(source: UnexpectedSource, err: unknown, log: ErrorLog = consoleLog): void {
  unexpectedErrors.inc({ source });
  try {
    log.error({ err, source }, 'unexpected error');
  } catch {
    // A failing logger must not turn a reported error into a crash.
  }
}

/**
 * Wraps a callback run by an event emitter, timer or bus so that neither a
 * throw nor a rejected promise it returns escapes: both are reported instead.
 */
export function guarded<A extends unknown[]>(source: UnexpectedSource, callback: (...args: A) => unknown, log?: ErrorLog): (...args: A) => void {
  return (...args: A) => {
    try {
      const result = callback(...args);
      if (result instanceof Promise) result.catch((err: unknown) => reportUnexpected(source, err, log));
    } catch (err) {
      reportUnexpected(source, err, log);
    }
  };
}
