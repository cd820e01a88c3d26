import { HttpClient } from './client/http.js';
import { login } from './client/login.js';
import { percentileMs, Stats } from './report/stats.js';
import { username } from './simulation/population.js';

// How many password logins a second the server sustains: `concurrency` clients
// log the population's users in back to back for `seconds`. Each login costs
// the server a password hash check, so this is the login storm's speed limit.

export interface LoginStormOptions {
  url: string;
  password: string;
  users: number;
  concurrency: number;
  seconds: number;
  timeoutMs: number;
}

export interface LoginStormResult {
  logins: number;
  failures: number;
  loginsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
}

export async function loginStorm(options: LoginStormOptions): Promise<LoginStormResult> {
  const stats = new Stats();
  const http = new HttpClient({ url: options.url, timeoutMs: options.timeoutMs, maxSockets: options.concurrency }, stats);
  const started = Date.now();
  const until = started + options.seconds * 1000;
  let next = 0;
  let failures = 0;
  const client = async (): Promise<void> => {
    while (Date.now() < until) {
      const index = next++ % options.users;
      await login(http, username(index), options.password).catch(() => {
        failures++;
      });
    }
  };
  try {
    await Promise.all(Array.from({ length: options.concurrency }, client));
  } finally {
    http.close();
  }
  const latency = stats.data().routes['POST /users/login']?.latency;
  const logins = (latency?.count ?? 0) - failures;
  return {
    logins, failures, loginsPerSecond: logins / ((Date.now() - started) / 1000),
    p50Ms: latency ? percentileMs(latency, 0.5) : 0, p99Ms: latency ? percentileMs(latency, 0.99) : 0,
  };
}
