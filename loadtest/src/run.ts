import { writeFileSync } from 'node:fs';
import { sleep } from './concurrency.js';
import { statusLine } from './report/status_line.js';
import { buildReport, formatReport, type RunReport } from './report/table.js';
import { Fleet } from './simulation/fleet.js';
import type { ShardOptions, ShardSnapshot } from './simulation/shard.js';

// `run`: starts `users` simulated users at `ramp` a second, prints a status
// line every interval, and after `duration` seconds (ramp included) stops them
// and reports per route, with the verdict.

export interface FleetOptions extends ShardOptions {
  workers: number;
  statusIntervalMs: number;
  out: (line: string) => void;
}

export interface RunOptions extends FleetOptions {
  users: number;
  ramp: number;
  durationSeconds: number;
  /** End (and report) as soon as every user is online, `durationSeconds` at the latest: a login storm's measure. */
  stopWhenAllOnline?: boolean;
  jsonFile?: string;
}

/** Prints a status line every interval until stopped. */
export function statusLines(fleet: Fleet, options: FleetOptions, startedAt: number): () => void {
  let previous: ShardSnapshot | undefined;
  let previousAt = startedAt;
  let busy = false;
  const timer = setInterval(() => {
    if (busy) return;
    busy = true;
    void fleet.snapshot().then((now) => {
      const at = Date.now();
      options.out(statusLine({
        elapsedSeconds: (at - startedAt) / 1000, target: fleet.target, counters: now.counters, stats: now.stats,
        previousCounters: previous?.counters ?? { ...now.counters, logins: 0 }, previousStats: previous?.stats ?? { routes: {} },
        intervalSeconds: (at - previousAt) / 1000,
      }));
      previous = now;
      previousAt = at;
    }).finally(() => {
      busy = false;
    });
  }, options.statusIntervalMs);
  return () => clearInterval(timer);
}

export function writeJson(file: string | undefined, value: unknown): void {
  if (file) writeFileSync(file, `${JSON.stringify(value, null, 2)}\n`);
}

/** Watches (every second) for the moment every started user is online; reads as seconds since `startedAt`, or null. */
function allOnlineWatch(fleet: Fleet, startedAt: number): { seconds(): number | null; stop(): void } {
  let reachedAt: number | undefined;
  let busy = false;
  const timer = setInterval(() => {
    if (busy) return;
    busy = true;
    void fleet.snapshot().then((now) => {
      if (now.counters.usersOnline >= fleet.target) {
        reachedAt = Date.now();
        clearInterval(timer);
      }
    }).finally(() => {
      busy = false;
    });
  }, 1_000);
  return { seconds: () => (reachedAt === undefined ? null : (reachedAt - startedAt) / 1000), stop: () => clearInterval(timer) };
}

export async function run(options: RunOptions): Promise<RunReport> {
  const fleet = new Fleet(options, options.workers);
  const startedAt = Date.now();
  const before = await fleet.snapshot();
  fleet.grow(options.users, options.ramp);
  const stopLines = statusLines(fleet, options, startedAt);
  const allOnline = allOnlineWatch(fleet, startedAt);
  try {
    const until = startedAt + options.durationSeconds * 1000;
    if (options.stopWhenAllOnline) {
      while (Date.now() < until && allOnline.seconds() === null) await sleep(Math.min(250, until - Date.now()));
    } else {
      await sleep(until - Date.now());
    }
    // Judged while every user is still connected.
    const end = await fleet.snapshot();
    const report = buildReport({
      url: options.url, users: options.users, seconds: (Date.now() - startedAt) / 1000, stats: end.stats, counters: end.counters,
      generatorCpuSeconds: (end.cpuMicros - before.cpuMicros) / 1e6, allOnlineAfterSeconds: allOnline.seconds(),
    });
    options.out(formatReport(report));
    writeJson(options.jsonFile, report);
    return report;
  } finally {
    stopLines();
    allOnline.stop();
    await fleet.stop();
  }
}
