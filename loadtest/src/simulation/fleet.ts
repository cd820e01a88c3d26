import { addCounters, emptyCounters } from '../report/counters.js';
import { addStats, type StatsData } from '../report/stats.js';
import { Shard, type ShardHandle, type ShardOptions, type ShardSnapshot } from './shard.js';
import { WorkerShard } from './shard_worker.js';

/** Every simulated user of a run, spread over shards (this thread, or `workers` worker threads). */
export class Fleet {
  private readonly shards: ShardHandle[];
  private started = 0;

  constructor(options: ShardOptions, workers: number) {
    // Only data crosses into a worker: callers may pass a wider object (with functions).
    const { url, password, seed, thinkMeanMs, statusPollMs, timeoutMs, maxSockets } = options;
    const shardOptions: ShardOptions = { url, password, seed, thinkMeanMs, statusPollMs, timeoutMs, maxSockets };
    this.shards = workers <= 1 ? [new Shard(shardOptions)] : Array.from({ length: workers }, () => new WorkerShard(shardOptions));
  }

  /** Users started so far (the target of the run). */
  get target(): number {
    return this.started;
  }

  /** Starts `count` more users, `perSecond` a second in all. */
  grow(count: number, perSecond: number): void {
    const perShard: number[][] = this.shards.map(() => []);
    for (let i = 0; i < count; i++) {
      const index = this.started + i;
      perShard[index % this.shards.length].push(index);
    }
    this.started += count;
    this.shards.forEach((shard, i) => {
      if (perShard[i].length > 0) shard.add(perShard[i], perSecond / this.shards.length);
    });
  }

  async snapshot(): Promise<ShardSnapshot> {
    const parts = await Promise.all(this.shards.map((s) => s.snapshot()));
    let stats: StatsData = { routes: {} };
    let counters = emptyCounters();
    for (const part of parts) {
      stats = addStats(stats, part.stats);
      counters = addCounters(counters, part.counters);
    }
    // Worker threads share the process: its CPU time is counted once.
    return { stats, counters, cpuMicros: parts[0]?.cpuMicros ?? 0 };
  }

  async stop(): Promise<void> {
    await Promise.all(this.shards.map((s) => s.stop()));
  }
}
