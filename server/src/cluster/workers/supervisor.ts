import cluster, { type Worker } from 'node:cluster';
import type { Logger } from 'pino';
import { AggregatorRegistry, Counter, Gauge, Registry } from 'prom-client';
import { startMetricsListener, type ListenAddress, type MetricsListener } from '../../metrics/listener.js';
import { asWorkerMessage, type WorkerMessage } from './messages.js';
import { WORKER_INDEX_ENV } from './worker_index.js';

/** The first restart of a worker that died waits this long; each further quick death doubles it. */
const RESTART_DELAY_MS = 250;
const MAX_RESTART_DELAY_MS = 30_000;
/** A worker that served this long before dying is restarted without delay history. */
const HEALTHY_AFTER_MS = 30_000;
/** Workers give themselves 10 s to drain; past this they are killed. */
const DRAIN_TIMEOUT_MS = 15_000;

/** The supervisor's own metrics, served beside the workers' sum. */
const supervisorRegistry = new Registry();
const workersListening = new Gauge({
  name: 'parley_workers_listening', help: 'Worker processes serving the port', registers: [supervisorRegistry],
});
const workerRestarts = new Counter({
  name: 'parley_worker_restarts_total', help: 'Workers started again after one died', registers: [supervisorRegistry],
});

interface Slot {
  index: number;
  worker: Worker | undefined;
  startedAt: number;
  quickDeaths: number;
  sockets: number;
  listening: boolean;
  restart: NodeJS.Timeout | undefined;
}

export interface SupervisorOptions {
  workers: number;
  /** Where the whole server's /metrics is served, if enabled. */
  metricsAddress: ListenAddress | undefined;
  log: Logger;
}

/**
 * The node:cluster primary: forks the workers that share the port (each
 * accepts connections from it), relays each worker's bus events to
 * the others, replaces a worker that dies, serves /metrics summed over the
 * workers, and on a signal lets every worker drain before it exits.
 */
export class Supervisor {
  private readonly slots: Slot[];
  private stopping = false;
  private metrics: MetricsListener | undefined;
  private allExited: (() => void) | undefined;

  private constructor(private readonly options: SupervisorOptions) {
    this.slots = Array.from({ length: options.workers }, (_, index) => ({
      index, worker: undefined, startedAt: 0, quickDeaths: 0, sockets: 0, listening: false, restart: undefined,
    }));
  }

  static async start(options: SupervisorOptions): Promise<Supervisor> {
    // Round-robin hands each worker one connection at a time and waits for its event loop to take it, so under load new
    // connections (every WebSocket) queue behind busy workers; instead the workers accept from the shared socket, and
    // the one with time to spare takes the next connection.
    cluster.schedulingPolicy = cluster.SCHED_NONE;
    const supervisor = new Supervisor(options);
    for (const slot of supervisor.slots) supervisor.fork(slot);
    if (options.metricsAddress) {
      const aggregate = new AggregatorRegistry();
      const source = {
        metrics: async () => `${await aggregate.clusterMetrics()}\n${await supervisorRegistry.metrics()}`,
        contentType: aggregate.contentType,
      };
      // As in a single process, losing /metrics (its port taken) must not stop the chat.
      supervisor.metrics = await startMetricsListener(options.metricsAddress, source).catch((err: unknown) => {
        options.log.error({ err }, 'metrics listener failed to start; running without /metrics');
        return undefined;
      });
    }
    options.log.info({ workers: options.workers, metricsUrl: supervisor.metrics?.url }, 'Parley supervisor started its workers');
    return supervisor;
  }

  /** Sends the signal to every worker, waits for them to drain and exit, and closes /metrics. */
  async stop(signal: NodeJS.Signals): Promise<void> {
    this.stopping = true;
    for (const slot of this.slots) clearTimeout(slot.restart);
    const exited = new Promise<void>((resolve) => {
      this.allExited = resolve;
    });
    const running = this.slots.flatMap((slot) => slot.worker ? [slot.worker] : []);
    for (const worker of running) worker.process.kill(signal);
    this.checkAllExited();
    const killer = setTimeout(() => {
      for (const worker of running) if (!worker.isDead()) worker.process.kill('SIGKILL');
    }, DRAIN_TIMEOUT_MS);
    await exited;
    clearTimeout(killer);
    await this.metrics?.close();
  }

  private fork(slot: Slot): void {
    slot.restart = undefined;
    const worker = cluster.fork({ [WORKER_INDEX_ENV]: String(slot.index) });
    slot.worker = worker;
    slot.startedAt = Date.now();
    slot.sockets = 0;
    slot.listening = false;
    worker.on('listening', () => {
      slot.listening = true;
      workersListening.inc();
    });
    worker.on('message', (message: unknown) => this.receive(slot, message));
    // A send to a worker that is going away fails; its exit is handled below.
    worker.on('error', (err) => this.options.log.warn({ err, worker: slot.index }, 'worker channel error'));
    worker.on('exit', (code, signal) => this.exited(slot, worker, code, signal));
  }

  private receive(from: Slot, message: unknown): void {
    const ours = asWorkerMessage(message);
    if (ours?.parley === 'events') {
      for (const slot of this.slots) if (slot !== from) this.send(slot, ours);
    } else if (ours?.parley === 'sockets') {
      from.sockets = ours.count;
      this.sharePeerSockets();
    }
  }

  private sharePeerSockets(): void {
    const total = this.slots.reduce((sum, slot) => sum + slot.sockets, 0);
    for (const slot of this.slots) this.send(slot, { parley: 'peer_sockets', count: total - slot.sockets });
  }

  private send(slot: Slot, message: WorkerMessage): void {
    if (slot.worker?.isConnected()) slot.worker.send(message);
  }

  private exited(slot: Slot, worker: Worker, code: number | null, signal: string | null): void {
    if (slot.worker !== worker) return;
    if (slot.listening) workersListening.dec();
    slot.listening = false;
    slot.worker = undefined;
    slot.sockets = 0;
    if (this.stopping) {
      this.checkAllExited();
      return;
    }
    this.sharePeerSockets();
    if (Date.now() - slot.startedAt >= HEALTHY_AFTER_MS) slot.quickDeaths = 0;
    const delay = Math.min(MAX_RESTART_DELAY_MS, RESTART_DELAY_MS * 2 ** slot.quickDeaths);
    slot.quickDeaths++;
    this.options.log.error({ worker: slot.index, code, signal, restartInMs: delay }, 'worker exited; starting another');
    slot.restart = setTimeout(() => {
      workerRestarts.inc();
      this.fork(slot);
    }, delay);
  }

  private checkAllExited(): void {
    if (this.slots.every((slot) => !slot.worker)) this.allExited?.();
  }
}
