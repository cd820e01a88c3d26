import { AggregatorRegistry } from 'prom-client';
import { registry } from './registry.js';

/**
 * In a worker: answer the supervisor's requests for this process's metrics, which it sums with the other workers'
 * at /metrics. Constructing an AggregatorRegistry is how prom-client installs its IPC listener.
 */
export function answerSupervisorMetricsRequests(): void {
  AggregatorRegistry.setRegistries(registry);
  new AggregatorRegistry();
}
