export const LOG_LEVELS = ['debug', 'info', 'warn', 'error'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

export interface LogLine {
  /** ms since the epoch, 0 when the line has no time */
  time: number;
  level: LogLevel;
  message: string;
  /** the remaining fields, for display */
  fields: string;
  raw: string;
}

// pino's numeric levels (trace 10, debug 20, info 30, warn 40, error 50, fatal 60).
function levelOf(value: unknown): LogLevel {
  if (typeof value === 'number') return value >= 50 ? 'error' : value >= 40 ? 'warn' : value >= 30 ? 'info' : 'debug';
  const name = String(value ?? '').toLowerCase();
  if (name === 'error' || name === 'fatal' || name === 'critical' || name === 'panic') return 'error';
  if (name === 'warn' || name === 'warning') return 'warn';
  if (name === 'debug' || name === 'trace' || name === 'silly') return 'debug';
  return 'info';
}

function timeOf(value: unknown): number {
  if (typeof value === 'number') return value;
  if (typeof value === 'string') {
    const parsed = Date.parse(value);
    return Number.isNaN(parsed) ? 0 : parsed;
  }
  return 0;
}

const SHOWN = new Set(['level', 'time', 'timestamp', 'msg', 'message', 'pid', 'hostname', 'v']);

/** One line of GET /logs: JSON (pino's or Mattermost's field names) or plain text, shown as it is. */
export function parseLogLine(raw: string): LogLine {
  try {
    const value: unknown = JSON.parse(raw);
    if (value && typeof value === 'object' && !Array.isArray(value)) {
      const entry = value as Record<string, unknown>;
      const rest = Object.fromEntries(Object.entries(entry).filter(([key]) => !SHOWN.has(key)));
      return {
        time: timeOf(entry.time ?? entry.timestamp),
        level: levelOf(entry.level),
        message: String(entry.msg ?? entry.message ?? ''),
        fields: Object.keys(rest).length ? JSON.stringify(rest) : '',
        raw,
      };
    }
  } catch {
    // not JSON: plain text below
  }
  return { time: 0, level: 'info', message: raw, fields: '', raw };
}

/** Lines at or above `minimum`, newest last (the server may list them newest first). */
export function visibleLogLines(lines: LogLine[], minimum: LogLevel): LogLine[] {
  const floor = LOG_LEVELS.indexOf(minimum);
  const kept = lines.filter((line) => LOG_LEVELS.indexOf(line.level) >= floor);
  const timed = kept.filter((line) => line.time > 0);
  const newestFirst = timed.length > 1 && timed[0].time > timed[timed.length - 1].time;
  return newestFirst ? [...kept].reverse() : kept;
}
