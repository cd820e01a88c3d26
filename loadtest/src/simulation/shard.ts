import { HttpClient } from '../client/http.js';
import { emptyCounters, type Counters } from '../report/counters.js';
import { Stats, type StatsData } from '../report/stats.js';
import { actionPicker } from './actions.js';
import { SimulatedUser, type SimulationSettings } from './user.js';

// A set of simulated users run by one thread, sharing one HTTP pool and one
// set of statistics. With --workers, each worker thread runs a shard.

export interface ShardOptions extends SimulationSettings {
  maxSockets: number;
}

export interface ShardSnapshot {
  stats: StatsData;
  counters: Counters;
  /** CPU this thread's process has used (user + system), µs; the same for every worker of one process. */
  cpuMicros: number;
}

/** How a coordinator drives a shard, in this thread or in a worker. */
export interface ShardHandle {
  /** Starts these users, `perSecond` of them a second. */
  add(indices: number[], perSecond: number): void;
  snapshot(): Promise<ShardSnapshot>;
  stop(): Promise<void>;
}

const LAUNCH_TICK_MS = 50;

export class Shard implements ShardHandle {
  private readonly stats = new Stats();
  private readonly counters = emptyCounters();
  private readonly http: HttpClient;
  private readonly picker = actionPicker();
  private readonly users: SimulatedUser[] = [];
  private readonly running: Promise<void>[] = [];
  private readonly launchers = new Set<NodeJS.Timeout>();

  constructor(private readonly options: ShardOptions) {
    this.http = new HttpClient({ url: options.url, timeoutMs: options.timeoutMs, maxSockets: options.maxSockets }, this.stats);
  }

  add(indices: number[], perSecond: number): void {
    const started = Date.now();
    let launched = 0;
    const launcher = setInterval(() => {
      const due = Math.min(indices.length, Math.floor(((Date.now() - started) / 1000) * perSecond) + 1);
      for (; launched < due; launched++) this.launch(indices[launched]);
      if (launched >= indices.length) {
        clearInterval(launcher);
        this.launchers.delete(launcher);
      }
    }, LAUNCH_TICK_MS);
    this.launchers.add(launcher);
  }

  async snapshot(): Promise<ShardSnapshot> {
    const cpu = process.cpuUsage();
    return { stats: this.stats.data(), counters: { ...this.counters }, cpuMicros: cpu.user + cpu.system };
  }

  async stop(): Promise<void> {
    for (const launcher of this.launchers) clearInterval(launcher);
    this.launchers.clear();
    for (const user of this.users) user.stop();
    await Promise.all(this.running);
    this.http.close();
  }

  private launch(index: number): void {
    const { url, password, seed, thinkMeanMs, statusPollMs, timeoutMs } = this.options;
    const user = new SimulatedUser(index, { url, password, seed, thinkMeanMs, statusPollMs, timeoutMs, http: this.http, stats: this.stats, counters: this.counters, picker: this.picker });
    this.users.push(user);
    this.running.push(user.run());
  }
}
