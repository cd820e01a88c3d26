import { sleep } from './concurrency.js';
import { subtractStats } from './report/stats.js';
import { buildReport, formatReport, type RunReport } from './report/table.js';
import { statusLines, writeJson, type FleetOptions } from './run.js';
import { Fleet } from './simulation/fleet.js';

// `ceiling`: starts `start` users, then adds `step` more every step until a
// step fails the criteria or `max` is reached. Each step is judged on the
// `stepSeconds` that follow `settleSeconds` after its users are all online (or,
// if they never are, after `stepSeconds` of waiting: then it fails for that).
// The supported count is the last passing step.

export interface CeilingOptions extends FleetOptions {
  start: number;
  step: number;
  max: number;
  ramp: number;
  /** Seconds each step runs after its users have been started. */
  stepSeconds: number;
  /**
   * Seconds between a step's users all being online and its window opening: the deliveries queued while they logged
   * in drain first, so a large first step judges the load it serves, not its login storm (which `run` judges).
   */
  settleSeconds: number;
  jsonFile?: string;
  /** Called as each step's judged window opens and closes (a benchmark samples the server's CPU and memory there). */
  onWindow?: (users: number, edge: 'open' | 'close') => void;
}

export interface CeilingReport {
  supportedUsers: number;
  steps: { users: number; pass: boolean; averageMs: number; p99Ms: number; errorRate: number; online: number; postedP99Ms: number }[];
  /** The per-route report of the last passing step (or of the first step if none passed). */
  atCeiling: RunReport;
  /** The per-route report of the step that failed, where the limit shows (none when every step up to `max` passed). */
  failedStep?: RunReport;
}

/** The window opens once the step's users are online (logins are the ramp's cost, judged by the run), or at `deadline`. */
async function untilAllOnline(fleet: Fleet, deadline: number): Promise<void> {
  while (Date.now() < deadline && (await fleet.snapshot()).counters.usersOnline < fleet.target) await sleep(1_000);
}

export async function ceiling(options: CeilingOptions): Promise<CeilingReport> {
  const fleet = new Fleet(options, options.workers);
  const startedAt = Date.now();
  const stopLines = statusLines(fleet, options, startedAt);
  const steps: CeilingReport['steps'] = [];
  let supportedUsers = 0;
  let atCeiling: RunReport | undefined;
  let failedStep: RunReport | undefined;
  try {
    for (let adding = options.start; adding > 0 && fleet.target + adding <= options.max; adding = options.step) {
      fleet.grow(adding, options.ramp);
      await sleep((adding / options.ramp) * 1000);
      await untilAllOnline(fleet, Date.now() + options.stepSeconds * 1000);
      await sleep(options.settleSeconds * 1000);
      const from = await fleet.snapshot();
      options.onWindow?.(fleet.target, 'open');
      await sleep(options.stepSeconds * 1000);
      const to = await fleet.snapshot();
      options.onWindow?.(fleet.target, 'close');
      const report = buildReport({
        url: options.url, users: fleet.target, seconds: options.stepSeconds, stats: subtractStats(to.stats, from.stats), counters: to.counters,
        generatorCpuSeconds: (to.cpuMicros - from.cpuMicros) / 1e6, allOnlineAfterSeconds: null,
      });
      const { totals, posted, verdict } = report;
      steps.push({
        users: fleet.target, pass: verdict.pass, averageMs: totals.averageMs, p99Ms: totals.p99Ms, errorRate: totals.errorRate,
        online: to.counters.usersOnline, postedP99Ms: posted.p99Ms,
      });
      options.out(`step ${fleet.target} users: ${verdict.pass ? 'PASS' : 'FAIL'} (avg ${totals.averageMs.toFixed(1)} ms, p99 ${totals.p99Ms.toFixed(0)} ms, errors ${(totals.errorRate * 100).toFixed(4)} %, online ${to.counters.usersOnline}, posted p99 ${posted.p99Ms.toFixed(0)} ms)`);
      if (!verdict.pass) {
        atCeiling ??= report;
        failedStep = report;
        break;
      }
      supportedUsers = fleet.target;
      atCeiling = report;
    }
  } finally {
    stopLines();
    await fleet.stop();
  }
  if (!atCeiling) throw new Error('ceiling ran no step: --start must be at least 1 and at most --max');
  options.out(`supported users: ${supportedUsers}\n${formatReport(atCeiling)}`);
  if (failedStep && failedStep !== atCeiling) options.out(`failed step: ${failedStep.users} users\n${formatReport(failedStep)}`);
  const result = { supportedUsers, steps, atCeiling, failedStep };
  writeJson(options.jsonFile, result);
  return result;
}
