import { Counter } from 'prom-client';
import { registry } from '../../../metrics/registry.js';
import { OutboundError } from '../../../outbound/outbound_http.js';
import type { AppDeps } from '../../deps.js';
import { callIntegration, type IntegrationAnswer, type IntegrationCall } from '../integration_requests.js';

export const outgoingWebhookRequests = new Counter({
  name: 'parley_outgoing_webhook_requests_total',
  help: 'Outgoing webhook calls by outcome: ok, http_<status>, an outbound refusal or failure (forbidden_address, timeout, network ...), or dropped when the queue was full',
  labelNames: ['result'] as const,
  registers: [registry],
});

export interface DispatchOptions {
  /** Calls in flight at once. */
  concurrency: number;
  /** Calls waiting beyond those; more are dropped (and counted). */
  maxQueued: number;
  /** Further attempts after a network failure or a 5xx answer. */
  retries: number;
  /** The wait before the first retry; doubled for each next one. */
  backoffMs: number;
}

export const DEFAULT_DISPATCH: DispatchOptions = { concurrency: 64, maxQueued: 5_000, retries: 2, backoffMs: 500 };

/** One call to make: where, what, and what to do with a successful answer. */
export interface OutgoingCall {
  hookId: string;
  request: IntegrationCall;
  onAnswer(answer: IntegrationAnswer): Promise<void>;
}

/**
 * Sends outgoing webhook calls from a bounded in-process queue, so that a post is answered without waiting for any
 * integration. In process rather than on the job runner: a queued job is a database write per triggered post and
 * waits for the runner's polling, while upstream's calls are best effort too (lost with the process) and their
 * answers only make sense within seconds. Bounded concurrency and queue length keep a slow or dead integration
 * from taking the server's sockets or memory; a full queue drops the call, logs and counts it. Network failures
 * and 5xx answers are retried with backoff; a timeout is not (the integration may still be working on it), nor an
 * address the guard refused.
 */
export class OutgoingDispatcher {
  private readonly queue: { call: OutgoingCall; attempt: number }[] = [];
  private running = 0;
  /** Calls queued, running or waiting for a retry. */
  private pending = 0;
  private idleWaiters: (() => void)[] = [];
  private droppedSinceLog = 0;

  constructor(private readonly deps: AppDeps, private readonly options: DispatchOptions = DEFAULT_DISPATCH) {}

  /** Queues the call; false when the queue is full and it was dropped. */
  enqueue(call: OutgoingCall): boolean {
    if (this.queue.length >= this.options.maxQueued) {
      outgoingWebhookRequests.inc({ result: 'dropped' });
      // One line per burst of drops, not one per call.
      if (this.droppedSinceLog++ === 0) this.deps.log.warn({ hook_id: call.hookId, queued: this.queue.length }, 'outgoing webhook queue full: calls dropped');
      return false;
    }
    this.droppedSinceLog = 0;
    this.pending++;
    this.queue.push({ call, attempt: 0 });
    this.pump();
    return true;
  }

  /** Resolves once nothing is queued, running or waiting for a retry (tests and benchmarks wait on it). */
  whenIdle(): Promise<void> {
    if (this.pending === 0) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  private pump(): void {
    while (this.running < this.options.concurrency && this.queue.length > 0) {
      const next = this.queue.shift()!;
      this.running++;
      void this.attempt(next.call, next.attempt).finally(() => {
        this.running--;
        this.pump();
      });
    }
  }

  private async attempt(call: OutgoingCall, attempt: number): Promise<void> {
    let retry = false;
    try {
      const answer = await callIntegration(this.deps, call.request);
      outgoingWebhookRequests.inc({ result: answer.status < 300 ? 'ok' : `http_${answer.status}` });
      if (answer.status >= 500) retry = true;
      else if (answer.status < 300) await call.onAnswer(answer);
    } catch (err) {
      const reason = err instanceof OutboundError ? err.reason : 'error';
      outgoingWebhookRequests.inc({ result: reason });
      retry = reason === 'network' || reason === 'unresolved';
      this.deps.log.warn({ hook_id: call.hookId, url: call.request.url, reason, err: String(err) }, 'outgoing webhook call failed');
    }
    if (retry && attempt < this.options.retries) {
      const delay = this.options.backoffMs * 2 ** attempt;
      setTimeout(() => {
        this.queue.push({ call, attempt: attempt + 1 });
        this.pump();
      }, delay).unref();
      return;
    }
    this.settle();
  }

  private settle(): void {
    if (--this.pending > 0) return;
    const waiters = this.idleWaiters;
    this.idleWaiters = [];
    for (const resolve of waiters) resolve();
  }
}
