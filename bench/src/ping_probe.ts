import { parentPort, workerData } from 'node:worker_threads';
import { call } from './http.js';

// Pings the server every 20 ms until the deadline, on a thread of its own, so the latencies it reports are the
// server's and not the wait behind the load generator's own work (parsing multi-megabyte pages, say).

export interface PingProbeInput {
  url: string;
  token: string;
  deadline: number;
}

const { url, token, deadline } = workerData as PingProbeInput;
const pings: number[] = [];
while (Date.now() < deadline) {
  const started = process.hrtime.bigint();
  await call(url, 'GET', '/api/v4/system/ping', token);
  pings.push(Number(process.hrtime.bigint() - started) / 1e6);
  await new Promise((resolve) => setTimeout(resolve, 20));
}
parentPort?.postMessage(pings);
