import { Command, InvalidArgumentError, Option } from 'commander';
import { ceiling } from './ceiling.js';
import { init } from './init.js';
import { run, type FleetOptions } from './run.js';
import { DEFAULT_PASSWORD } from './simulation/population.js';

// `parley loadtest` (and the standalone `parley-loadtest`): it speaks only the
// public REST v4 API and WebSocket, so it runs against a Mattermost server too.

function positiveInteger(value: string): number {
  const parsed = Number(value);
  if (!Number.isInteger(parsed) || parsed < 1) throw new InvalidArgumentError('expected a positive integer');
  return parsed;
}

function positiveNumber(value: string): number {
  const parsed = Number(value);
  if (!Number.isFinite(parsed) || parsed <= 0) throw new InvalidArgumentError('expected a positive number');
  return parsed;
}

function nonNegativeNumber(value: string): number {
  const parsed = Number(value);
  if (!Number.isFinite(parsed) || parsed < 0) throw new InvalidArgumentError('expected a number of 0 or more');
  return parsed;
}

const out = (line: string): void => {
  process.stdout.write(`${line}\n`);
};

interface CommonFlags {
  url: string;
  password: string;
  seed: number;
  timeout: number;
}

interface SimulationFlags extends CommonFlags {
  ramp: number;
  thinkMean: number;
  statusPoll: number;
  workers: number;
  maxSockets: number;
  statusInterval: number;
  json?: string;
}

function common(command: Command): Command {
  return command
    .option('--url <url>', 'server address', 'http://127.0.0.1:8065')
    .option('--password <password>', 'password of the simulated users', DEFAULT_PASSWORD)
    .option('--seed <n>', 'seed of the data shape and of every random choice', positiveInteger, 1)
    .option('--timeout <ms>', 'a request (or WebSocket hello) slower than this counts as an error', positiveInteger, 10_000);
}

function simulation(command: Command): Command {
  return common(command)
    .option('--ramp <users/s>', 'users started per second', positiveNumber, 20)
    .option('--think-mean <ms>', 'mean think time between actions (exponential)', positiveInteger, 108_000)
    .option('--status-poll <ms>', 'how often each user polls the statuses it shows', positiveInteger, 60_000)
    .option('--workers <k>', 'worker threads running the users (1: this thread)', positiveInteger, 1)
    .option('--max-sockets <n>', 'HTTP keep-alive connections per worker', positiveInteger, 512)
    .addOption(new Option('--status-interval <ms>', 'status line interval').argParser(positiveInteger).default(10_000).hideHelp())
    .option('--json <file>', 'also write the report as JSON');
}

function fleetOptions(flags: SimulationFlags): FleetOptions {
  return {
    url: flags.url, password: flags.password, seed: flags.seed, timeoutMs: flags.timeout, thinkMeanMs: flags.thinkMean,
    statusPollMs: flags.statusPoll, maxSockets: flags.maxSockets, workers: flags.workers, statusIntervalMs: flags.statusInterval, out,
  };
}

export function loadtestCommand(name = 'loadtest'): Command {
  const command = new Command(name).description('simulated users (Mattermost load-test-ng\'s simulative model) against a server, over its public API');

  common(command.command('init'))
    .description('create (or complete) the users, teams, channels and history a run expects; safe to re-run')
    .requiredOption('--users <n>', 'users to create (lt-user-0 …)', positiveInteger)
    .option('--admin-user <name>', 'a system admin (created when the server has no account yet)', 'lt-admin')
    .option('--admin-password <password>', 'its password', 'LoadTest-Admin-Passw0rd!')
    .option('--concurrency <n>', 'requests in flight (channels with their history: twice as many)', positiveInteger, 16)
    .action(async (flags: CommonFlags & { users: number; adminUser: string; adminPassword: string; concurrency: number }) => {
      await init({
        url: flags.url, users: flags.users, seed: flags.seed, adminUser: flags.adminUser, adminPassword: flags.adminPassword,
        password: flags.password, concurrency: flags.concurrency, timeoutMs: Math.max(flags.timeout, 60_000), out,
      });
    });

  simulation(command.command('run'))
    .description('run N users for a while and judge the run (average < 100 ms, p99 < 2 s, errors < 0.025 %, all online)')
    .requiredOption('--users <n>', 'simulated users (init must have created at least as many)', positiveInteger)
    .option('--duration <s>', 'seconds from the first login to the report, ramp included', positiveNumber, 300)
    .action(async (flags: SimulationFlags & { users: number; duration: number }) => {
      const report = await run({ ...fleetOptions(flags), users: flags.users, ramp: flags.ramp, durationSeconds: flags.duration, jsonFile: flags.json });
      process.exitCode = report.verdict.pass ? 0 : 1;
    });

  simulation(command.command('ceiling'))
    .description('add users step by step until the criteria break; report the last passing count')
    .option('--start <n>', 'users of the first step', positiveInteger, 1000)
    .option('--step <n>', 'users added per step', positiveInteger, 1000)
    .option('--step-interval <s>', 'seconds each step is judged on, after its ramp', positiveNumber, 120)
    .option('--max <n>', 'stop here (init must have created at least as many users)', positiveInteger, 20_000)
    .option('--settle <s>', 'seconds after a step\'s users are online before its window opens (deliveries queued by the logins drain)', nonNegativeNumber, 30)
    .action(async (flags: SimulationFlags & { start: number; step: number; stepInterval: number; max: number; settle: number }) => {
      await ceiling({
        ...fleetOptions(flags), start: flags.start, step: flags.step, max: flags.max, ramp: flags.ramp, stepSeconds: flags.stepInterval,
        settleSeconds: flags.settle, jsonFile: flags.json,
      });
    });
  return command;
}
