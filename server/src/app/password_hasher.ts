import { createRequire } from 'node:module';
import os from 'node:os';
import { Worker } from 'node:worker_threads';
import { ConcurrencyLimit, MAX_QUEUE_WAIT_MS } from './concurrency_limit.js';

/** The nice value of the hashing threads: the lowest priority, so they only take CPU nothing else wants. */
const HASHING_NICE = 19;

// Plain JavaScript evaluated as a script, so it runs the same from the TypeScript sources (tests) and from the build;
// it loads argon2 by the absolute path the server resolved. On Linux a thread's nice value is its own: lowering this
// one leaves the event loop and libuv's threads as they were (elsewhere setpriority would lower the whole process).
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const argon2 = require(workerData.argon2Path);
if (process.platform === 'linux') require('node:os').setPriority(0, workerData.nice);
parentPort.on('message', ({ operation, password, hash }) => {
  try {
    const result = operation === 'hash' ? argon2.hashSync(password) : argon2.verifySync(hash, password);
    parentPort.postMessage({ result });
  } catch (err) {
    parentPort.postMessage({ error: err instanceof Error ? err.message : String(err) });
  }
});
`;

type Operation = { operation: 'hash'; password: string } | { operation: 'verify'; hash: string; password: string };

interface Answer {
  result?: string | boolean;
  error?: string;
}

interface Job {
  resolve: (result: string | boolean) => void;
  reject: (error: Error) => void;
}

interface HashingThread {
  worker: Worker;
  /** The job it is computing; one at a time, so the slots' queue is the only place work waits. */
  job?: Job;
}

/**
 * argon2id on threads of their own at the lowest CPU priority. A login costs about 25 ms of CPU; on libuv's pool
 * (four threads at the event loop's priority) a ramp of 25 logins/s took half the CPU of a 2-core machine away from
 * the event loop and the database, and every online user's requests slowed down with it (PostgreSQL, ramping to
 * 5,000 simulated users: average 278 ms and 0.85 % errors; with the hashing threads at nice 19, 95 ms and none).
 * Logins now wait for spare CPU instead of taking it from everyone else.
 *
 * Work that waited `maxWaitMs` for a thread is refused (503) instead of computed: under overload its client has given
 * up and asked again, and at this priority a queue of abandoned logins once kept both cores busy for minutes after
 * the load had gone, while no new login got through.
 */
export class PasswordHasher {
  private readonly threads: HashingThread[] = [];
  /** One slot per thread, so a slot always finds a thread free (or room to start one). */
  private readonly slots: ConcurrencyLimit;

  constructor(size: number, maxWaitMs = MAX_QUEUE_WAIT_MS) {
    this.slots = new ConcurrencyLimit(size, undefined, maxWaitMs);
  }

  hash(password: string): Promise<string> {
    return this.run({ operation: 'hash', password }) as Promise<string>;
  }

  /** Rejects for a stored hash argon2 cannot read. */
  verify(hash: string, password: string): Promise<boolean> {
    return this.run({ operation: 'verify', hash, password }) as Promise<boolean>;
  }

  private run(operation: Operation): Promise<string | boolean> {
    return this.slots.run(() => new Promise((resolve, reject) => {
      const thread = this.threads.find((t) => !t.job) ?? this.start();
      thread.job = { resolve, reject };
      // An idle thread must not keep the process alive; a busy one must until its job is answered.
      thread.worker.ref();
      thread.worker.postMessage(operation);
    }));
  }

  private start(): HashingThread {
    const worker = new Worker(WORKER_SOURCE, {
      eval: true,
      workerData: { argon2Path: createRequire(import.meta.url).resolve('@node-rs/argon2'), nice: HASHING_NICE },
    });
    const thread: HashingThread = { worker };
    const finish = (): Job | undefined => {
      const { job } = thread;
      thread.job = undefined;
      worker.unref();
      return job;
    };
    worker.on('message', (answer: Answer) => {
      const job = finish();
      if (answer.error !== undefined) job?.reject(new Error(answer.error));
      else job?.resolve(answer.result as string | boolean);
    });
    // A thread that dies fails its job (which frees its slot) and is replaced when a slot next needs a thread.
    const fail = (error: Error) => {
      const at = this.threads.indexOf(thread);
      if (at >= 0) this.threads.splice(at, 1);
      finish()?.reject(error);
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
