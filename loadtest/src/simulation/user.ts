import type { HttpClient } from '../client/http.js';
import { login } from '../client/login.js';
import { UserSocket } from '../client/socket.js';
import type { Counters } from '../report/counters.js';
import type { Stats } from '../report/stats.js';
import type { ActionHost, NamedAction } from './actions.js';
import { username } from './population.js';
import { Random } from './random.js';
import { UserState, type ChannelRef, type PostList } from './user_state.js';
import type { WeightedPicker } from './weighted.js';

// One simulated user: logs in, opens its WebSocket, loads what the web app
// loads, then acts and thinks in a loop until stopped, polling the statuses of
// the users it shows every minute.

/** How every simulated user of a run behaves, whichever thread runs it. */
export interface SimulationSettings {
  url: string;
  password: string;
  seed: number;
  /** Mean think time between actions (exponential), ms. */
  thinkMeanMs: number;
  statusPollMs: number;
  timeoutMs: number;
}

export interface UserOptions extends SimulationSettings {
  http: HttpClient;
  stats: Stats;
  counters: Counters;
  picker: WeightedPicker<NamedAction>;
}

const RETRY_MS = 5_000;
const RETRY_MAX_MS = 60_000;

export class SimulatedUser implements ActionHost {
  readonly random: Random;
  readonly http: HttpClient;
  readonly counters: Counters;
  token = '';
  userId = '';
  state = new UserState('');
  socket!: UserSocket;
  private stopped = false;
  private online = false;
  private wake: (() => void) | undefined;
  private pollTimer: NodeJS.Timeout | undefined;

  constructor(readonly index: number, private readonly options: UserOptions) {
    this.random = new Random(options.seed * 1_000_003 + index);
    this.http = options.http;
    this.counters = options.counters;
  }

  /** Comes online (retrying until it can or is stopped), then acts until stopped. */
  async run(): Promise<void> {
    // Backing off exponentially, as clients do: a login that timed out still cost the server its hash.
    for (let attempt = 0; !this.stopped && !(await this.comeOnline()); attempt++) {
      this.counters.retrying++;
      await this.pause(Math.min(RETRY_MAX_MS, RETRY_MS * 2 ** attempt) * (0.5 + this.random.next()));
      this.counters.retrying--;
    }
    if (this.stopped) return;
    this.schedulePoll(this.random.next() * this.options.statusPollMs);
    while (!this.stopped) {
      await this.pause(this.random.exponential(this.options.thinkMeanMs));
      if (this.stopped) break;
      const action = this.options.picker.pick(this.random);
      this.counters.actions++;
      // A failed request is already counted by the client; the user carries on, as load-test-ng's do.
      await action.run(this).catch(() => undefined);
    }
  }

  stop(): void {
    this.stopped = true;
    clearTimeout(this.pollTimer);
    this.wake?.();
    this.socket?.close();
    if (this.online) this.counters.usersOnline--;
    this.online = false;
  }

  async switchTo(channel: ChannelRef): Promise<void> {
    const previous = this.state.current?.id ?? '';
    this.state.enter(channel);
    const [posts] = await Promise.all([
      this.http.call('GET', `/users/me/channels/${channel.id}/posts/unread?limit_after=30&limit_before=30&skipFetchThreads=false&collapsedThreads=true&collapsedThreadsExtended=false`, this.token),
      this.http.call('POST', '/channels/members/me/view', this.token, { channel_id: channel.id, prev_channel_id: previous, collapsed_threads_supported: true }),
      this.http.call('GET', `/channels/${channel.id}/stats?exclude_files_count=true`, this.token),
    ]);
    this.state.showPosts(JSON.parse(posts.body) as PostList, true);
  }

  async reload(): Promise<void> {
    const { http, token } = this;
    await http.call('GET', '/users/me', token);
    const teams = JSON.parse((await http.call('GET', '/users/me/teams', token)).body) as { id: string }[];
    this.state.teamIds = teams.map((t) => t.id).sort();
    await Promise.all([
      http.call('GET', '/users/me/teams/members', token),
      http.call('GET', '/users/me/preferences', token),
      http.call('GET', '/users/me/teams/unread', token),
    ]);
    for (const teamId of this.state.teamIds) {
      const [channels] = await Promise.all([
        http.call('GET', `/users/me/teams/${teamId}/channels?include_deleted=true`, token),
        http.call('GET', `/users/me/teams/${teamId}/channels/members`, token),
      ]);
      this.state.setTeamChannels(teamId, JSON.parse(channels.body) as { id: string; type: string; name: string }[]);
    }
    await this.pollStatuses();
    const home = this.state.teamChannels().find((c) => c.name === 'town-square') ?? this.state.teamChannels()[0];
    if (home) await this.switchTo(home);
  }

  private async comeOnline(): Promise<boolean> {
    try {
      if (!this.token) {
        const session = await login(this.http, username(this.index), this.options.password);
        this.token = session.token;
        this.userId = session.userId;
        this.state = new UserState(session.userId);
        this.counters.logins++;
        this.socket = new UserSocket({ url: this.options.url, token: this.token, timeoutMs: this.options.timeoutMs, stats: this.options.stats, counters: this.counters });
      }
      if (!this.socket.open) await this.socket.connect();
      await this.reload();
      if (this.stopped) return true;
      this.online = true;
      this.counters.usersOnline++;
      return true;
    } catch {
      if (!this.token) this.counters.loginFailures++;
      return false;
    }
  }

  private async pollStatuses(): Promise<void> {
    const ids = this.state.shownUsers();
    if (ids.length > 0) await this.http.call('POST', '/users/status/ids', this.token, ids);
  }

  private schedulePoll(delayMs: number): void {
    this.pollTimer = setTimeout(() => {
      if (this.stopped) return;
      this.pollStatuses().catch(() => undefined);
      this.schedulePoll(this.options.statusPollMs * (0.9 + 0.2 * this.random.next()));
    }, delayMs);
  }

  private pause(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(done, ms);
      function done(): void {
        clearTimeout(timer);
        resolve();
      }
      this.wake = done;
    });
  }
}
