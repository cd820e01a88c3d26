import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import type SQLite from 'better-sqlite3';
import { sqliteCheckpointDuration } from '../../metrics/registry.js';

/** How often an idle WAL is looked at. */
const IDLE_INTERVAL_MS = 100;
/** The pause after a checkpoint that copied pages: short, so a busy writer's WAL stays small. */
const BUSY_INTERVAL_MS = 10;
/** The WAL file is cut back to this size when it restarts, so a burst does not leave a large file behind. */
const WAL_SIZE_LIMIT_BYTES = 64 * 1024 * 1024;
/**
 * Under a steady stream of writes a background checkpoint never quite catches up, and the WAL only starts over
 * once one has. The writer therefore still checkpoints when its WAL passes this many pages (40 MiB): by then the
 * worker has copied nearly all of it, so that checkpoint is short, and the WAL starts over after it.
 */
const WRITER_CHECKPOINT_PAGES = 10_000;
/** SQLite's own default, restored if the worker fails. */
const DEFAULT_AUTOCHECKPOINT_PAGES = 1000;

interface CheckpointReport {
  ms: number;
}

// The worker is plain JavaScript evaluated as a script so it runs the same from the TypeScript sources (tests)
// and from the build; it loads the driver by the absolute path the server resolved.
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driverPath);
const db = new Database(workerData.file, { fileMustExist: true });
db.pragma('synchronous = NORMAL');
let timer;
let last = '';
const tick = () => {
  const started = performance.now();
  const [{ log, checkpointed }] = db.pragma('wal_checkpoint(PASSIVE)');
  // The same frame counts as last time: nothing was written since.
  const state = log + '/' + checkpointed;
  const copied = log > 0 && state !== last;
  last = state;
  if (copied) parentPort.postMessage({ ms: performance.now() - started });
  timer = setTimeout(tick, copied ? workerData.busyMs : workerData.idleMs);
};
parentPort.on('message', () => {
  clearTimeout(timer);
  db.close();
  parentPort.close();
});
tick();
`;

function configureWriter(file: SQLite.Database): void {
  file.pragma(`journal_size_limit = ${WAL_SIZE_LIMIT_BYTES}`);
  file.pragma(`wal_autocheckpoint = ${WRITER_CHECKPOINT_PAGES}`);
}

/**
 * Checkpoints the WAL from a worker thread with its own connection. SQLite
 * otherwise checkpoints inside whichever commit crosses 1,000 WAL pages: the
 * event loop then stalls while pages are copied into the database file and
 * fsynced. PASSIVE checkpoints never block the writer or readers.
 */
export class WalCheckpointer {
  private constructor(private readonly worker: Worker, private readonly exited: Promise<void>) {}

  static start(file: SQLite.Database): WalCheckpointer {
    configureWriter(file);
    const worker = new Worker(WORKER_SOURCE, {
      eval: true,
      workerData: { file: file.name, driverPath: createRequire(import.meta.url).resolve('better-sqlite3'), idleMs: IDLE_INTERVAL_MS, busyMs: BUSY_INTERVAL_MS },
    });
    const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
    worker.on('message', (report: CheckpointReport) => sqliteCheckpointDuration.observe(report.ms / 1000));
    // A worker that fails (say, the disk is full) hands checkpointing back to the writer's commits.
    worker.on('error', () => file.open && file.pragma(`wal_autocheckpoint = ${DEFAULT_AUTOCHECKPOINT_PAGES}`));
    // Idle between checkpoints, it must not keep the process alive on its own.
    worker.unref();
    return new WalCheckpointer(worker, exited);
  }

  /**
   * For a process sharing the file with one that runs the checkpointer (the supervisor's workers): the same writer
   * settings, no thread of its own (two would only take turns at the same work).
   */
  static leaveToAnother(file: SQLite.Database): { stop(): Promise<void> } {
    configureWriter(file);
    return { stop: async () => {} };
  }

  /** Stops the worker (if it is still running) and waits for its connection to close; the writer's close then checkpoints the rest. */
  async stop(): Promise<void> {
    this.worker.ref();
    this.worker.postMessage('stop');
    await this.exited;
  }
}
