import os from 'node:os';
import type { Actor } from '../actor.js';
import type { AppDeps } from '../deps.js';
import type { Permissions } from '../permissions.js';
import type { RecentLogLines } from './log_lines.js';
import { requireAnySystem } from './system_permission.js';

const READ_LOGS = ['get_logs', 'manage_system'];
/** Upstream cuts a client's log message at 400 characters. */
const MAX_CLIENT_MESSAGE = 400;
const PINO_LEVELS = new Map([[10, 'trace'], [20, 'debug'], [30, 'info'], [40, 'warn'], [50, 'error'], [60, 'fatal']]);

/** The console's filter (upstream's LogFilter): empty lists and dates take everything. */
export interface LogFilter {
  server_names?: readonly string[];
  log_levels?: readonly string[];
  date_from?: string;
  date_to?: string;
}

/** One log line as the console's table reads it (upstream's field names), with the line's other fields kept. */
export type LogEntry = Record<string, unknown> & { timestamp: string; level: string; msg: string; caller: string };

/** `2024-05-01 12:34:56.789 Z`, the timestamp format of upstream's JSON log lines. */
const formatTime = (ms: number): string => `${new Date(ms).toISOString().replace('T', ' ').replace(/Z$/, '')} Z`;

function toEntry(line: string): LogEntry | undefined {
  let parsed: unknown;
  try {
    parsed = JSON.parse(line);
  } catch {
    return undefined;
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return undefined;
  const { time, level, msg, ...rest } = parsed as Record<string, unknown>;
  return {
    ...rest,
    timestamp: typeof time === 'number' ? formatTime(time) : '',
    level: typeof level === 'number' ? (PINO_LEVELS.get(level) ?? String(level)) : String(level ?? ''),
    msg: typeof msg === 'string' ? msg : '',
    caller: '',
  };
}

/** The system console's server logs: recent lines from this node's memory, and client errors written into them. */
export class ServerLogService {
  private readonly node = os.hostname();

  constructor(private readonly deps: AppDeps, private readonly permissions: Permissions, private readonly lines: RecentLogLines) {}

  /** GET /logs: raw lines, a page counted back from the newest. */
  plain(actor: Actor, page: number, perPage: number): string[] {
    requireAnySystem(this.permissions, actor, READ_LOGS);
    return this.lines.page(page, perPage);
  }

  /** POST /logs/query: parsed lines by node name, filtered as the console asks. */
  query(actor: Actor, page: number, perPage: number, filter: LogFilter): Record<string, LogEntry[]> {
    requireAnySystem(this.permissions, actor, READ_LOGS);
    const levels = new Set((filter.log_levels ?? []).map((l) => l.toLowerCase()));
    const from = filter.date_from ? Date.parse(filter.date_from) : NaN;
    const to = filter.date_to ? Date.parse(filter.date_to) : NaN;
    const servers = new Set(filter.server_names ?? []);
    if (servers.size > 0 && !servers.has(this.node)) return {};
    const entries: LogEntry[] = [];
    for (const line of this.lines.page(page, perPage)) {
      const entry = toEntry(line);
      if (!entry) continue;
      if (levels.size > 0 && !levels.has(entry.level)) continue;
      const at = Date.parse(entry.timestamp.replace(' Z', 'Z').replace(' ', 'T'));
      if ((!Number.isNaN(from) && at < from) || (!Number.isNaN(to) && at > to)) continue;
      entries.push(entry);
    }
    return { [this.node]: entries };
  }

  /**
   * POST /logs from a client: an admin's ERROR is written to the log as an error. Everything else is dropped
   * (upstream writes it at debug level), so no user can fill the log the console reads.
   */
  clientMessage(actor: Actor | undefined, level: string, message: string): { level: string; message: string } {
    const text = `Client Logs API Endpoint Message: ${message.slice(0, MAX_CLIENT_MESSAGE)}`;
    if (actor && level === 'ERROR' && this.permissions.hasSystem(actor, 'manage_system')) {
      this.deps.log.error({ type: 'client_message', user_id: actor.userId }, text);
    }
    return { level, message: text };
  }
}
