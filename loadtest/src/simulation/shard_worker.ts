import { parentPort, Worker, workerData } from 'node:worker_threads';
import { Shard, type ShardHandle, type ShardOptions, type ShardSnapshot } from './shard.js';

// A shard in a worker thread, driven by messages, so the users' JavaScript
// (mostly WebSocket frames) spreads over more than one core.

type Request = { id: number; kind: 'add'; indices: number[]; perSecond: number } | { id: number; kind: 'snapshot' } | { id: number; kind: 'stop' };
interface Reply {
  id: number;
  snapshot?: ShardSnapshot;
}

export class WorkerShard implements ShardHandle {
  private readonly worker: Worker;
  private nextId = 1;
  private readonly pending = new Map<number, (reply: Reply) => void>();

  constructor(options: ShardOptions) {
    this.worker = new Worker(new URL(import.meta.url), { workerData: { loadtestShard: options } satisfies ShardWorkerData });
    this.worker.on('message', (reply: Reply) => {
      this.pending.get(reply.id)?.(reply);
      this.pending.delete(reply.id);
    });
    this.worker.on('error', (err) => {
      console.error('loadtest worker failed:', err);
    });
  }

  add(indices: number[], perSecond: number): void {
    this.worker.postMessage({ id: 0, kind: 'add', indices, perSecond } satisfies Request);
  }

  async snapshot(): Promise<ShardSnapshot> {
    const reply = await this.ask('snapshot');
    if (!reply.snapshot) throw new Error('worker answered without a snapshot');
    return reply.snapshot;
  }

  async stop(): Promise<void> {
    await this.ask('stop');
    await this.worker.terminate();
  }

  private ask(kind: 'snapshot' | 'stop'): Promise<Reply> {
    const id = this.nextId++;
    return new Promise((resolve) => {
      this.pending.set(id, resolve);
      this.worker.postMessage({ id, kind } satisfies Request);
    });
  }
}

interface ShardWorkerData {
  loadtestShard: ShardOptions;
}

// Only in a worker this module started (a test runner's own worker threads have other data).
const shardOptions = (workerData as Partial<ShardWorkerData> | null)?.loadtestShard;
if (parentPort && shardOptions) {
  const port = parentPort;
  const shard = new Shard(shardOptions);
  port.on('message', (request: Request) => {
    if (request.kind === 'add') shard.add(request.indices, request.perSecond);
    else if (request.kind === 'snapshot') void shard.snapshot().then((snapshot) => port.postMessage({ id: request.id, snapshot } satisfies Reply));
    else void shard.stop().then(() => port.postMessage({ id: request.id } satisfies Reply));
  });
}
