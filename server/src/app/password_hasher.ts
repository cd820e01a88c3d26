import { createRequire } from 'node:module';
import os from 'node:os';
import { Worker } from 'node:worker_threads';

/** The nice value of the hashing threads: the lowest priority, so they only take CPU nothing else wants. */
const HASHING_NICE = 19;

// Plain JavaScript evaluated as a script, so it runs the same from the TypeScript sources (tests) and from the build;
// it loads argon2 by the absolute path the server resolved. On Linux a thread's nice value is its own: lowering this
// one leaves the event loop and libuv's threads as they were (elsewhere setpriority would lower the whole process).
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const argon2 = require(workerData.argon2Path);
if (process.platform === 'linux') require('node:os').setPriority(0, workerData.nice);
parentPort.on('message', ({ id, operation, password, hash }) => {
  try {
    const result = operation === 'hash' ? argon2.hashSync(password) : argon2.verifySync(hash, password);
    parentPort.postMessage({ id, result });
  } catch (err) {
    parentPort.postMessage({ id, error: err instanceof Error ? err.message : String(err) });
  }
});
`;

type Operation = { operation: 'hash'; password: string } | { operation: 'verify'; hash: string; password: string };

interface Answer {
  id: number;
  result?: string | boolean;
  error?: string;
}

interface Job {
  resolve: (result: string | boolean) => void;
  reject: (error: Error) => void;
}

interface HashingThread {
  worker: Worker;
  jobs: Map<number, Job>;
}

/**
 * argon2id on threads of their own at the lowest CPU priority. A login costs about 25 ms of CPU; on libuv's pool
 * (four threads at the event loop's priority) a ramp of 25 logins/s took half the CPU of a 2-core machine away from
 * the event loop and the database, and every online user's requests slowed down with it (PostgreSQL, ramping to
 * 5,000 simulated users: average 278 ms and 0.85 % errors; with the hashing threads at nice 19, 95 ms and none).
 * Logins now wait for spare CPU instead of taking it from everyone else.
 */
export class PasswordHasher {
  private readonly threads: HashingThread[] = [];
  private lastId = 0;

  constructor(private readonly size: number) {}

  hash(password: string): Promise<string> {
    return this.run({ operation: 'hash', password }) as Promise<string>;
  }

  /** Rejects for a stored hash argon2 cannot read. */
  verify(hash: string, password: string): Promise<boolean> {
    return this.run({ operation: 'verify', hash, password }) as Promise<boolean>;
  }

  private run(operation: Operation): Promise<string | boolean> {
    const thread = this.leastBusy();
    const id = ++this.lastId;
    return new Promise((resolve, reject) => {
      // Idle threads must not keep the process alive; a thread with work must until the work is answered.
      if (thread.jobs.size === 0) thread.worker.ref();
      thread.jobs.set(id, { resolve, reject });
      thread.worker.postMessage({ id, ...operation });
    });
  }

  /** A thread with nothing to do, a new one while there are fewer than `size`, else the one with the fewest jobs. */
  private leastBusy(): HashingThread {
    const idle = this.threads.find((t) => t.jobs.size === 0);
    if (idle) return idle;
    if (this.threads.length < this.size) return this.start();
    return this.threads.reduce((best, t) => (t.jobs.size < best.jobs.size ? t : best));
  }

  private start(): HashingThread {
    const worker = new Worker(WORKER_SOURCE, {
      eval: true,
      workerData: { argon2Path: createRequire(import.meta.url).resolve('@node-rs/argon2'), nice: HASHING_NICE },
    });
    const thread: HashingThread = { worker, jobs: new Map() };
    worker.on('message', (answer: Answer) => {
      const job = thread.jobs.get(answer.id);
      if (!job) return;
      thread.jobs.delete(answer.id);
      if (thread.jobs.size === 0) worker.unref();
      if (answer.error !== undefined) job.reject(new Error(answer.error));
      else job.resolve(answer.result as string | boolean);
    });
    // A thread that dies fails its jobs and is replaced on the next use.
    const fail = (error: Error) => {
      const at = this.threads.indexOf(thread);
      if (at >= 0) this.threads.splice(at, 1);
      for (const job of thread.jobs.values()) job.reject(error);
      thread.jobs.clear();
    };
    worker.on('error', fail);
    worker.on('exit', (code) => fail(new Error(`password hashing thread exited (${code})`)));
    worker.unref();
    this.threads.push(thread);
    return thread;
  }
}

/** As many hashing threads as cores (at most four, libuv's pool size), shared by everything in the process. */
export const passwordHasher = new PasswordHasher(Math.max(1, Math.min(4, os.availableParallelism())));
