import type { ServerEvent } from '../model/events.js';
import type { AppDeps } from './deps.js';

/** Bounds the damage of a missed event (Redis pub/sub is at-most-once). */
const RELOAD_AFTER_MS = 10 * 60_000;

/**
 * The ids of deactivated users, per node, kept current by `user_updated` on
 * the bus, so member counts (which leave deactivated users out) come from the
 * member sets in memory instead of a join over every member.
 */
export class InactiveUsers {
  private ids?: Promise<Set<string>>;
  private loadedAt = 0;
  /** Changes heard while a load runs, applied over its result (the load may predate them). */
  private heardDuringLoad?: Map<string, boolean>;

  constructor(private readonly deps: AppDeps) {
    deps.bus.subscribe((event) => this.observe(event));
  }

  current(): Promise<ReadonlySet<string>> {
    if (!this.ids || Date.now() - this.loadedAt >= RELOAD_AFTER_MS) this.ids = this.load();
    return this.ids;
  }

  private load(): Promise<Set<string>> {
    this.loadedAt = Date.now();
    const heard = new Map<string, boolean>();
    this.heardDuringLoad = heard;
    const loading = this.deps.store.users.listInactiveIds().then((ids) => {
      const set = new Set(ids);
      for (const [id, inactive] of heard) {
        if (inactive) set.add(id);
        else set.delete(id);
      }
      if (this.heardDuringLoad === heard) this.heardDuringLoad = undefined;
      return set;
    });
    loading.catch(() => {
      if (this.ids === loading) this.ids = undefined;
    });
    return loading;
  }

  private observe(event: ServerEvent): void {
    if (event.event !== 'user_updated') return;
    const user = event.data.user as { id?: unknown; delete_at?: unknown } | undefined;
    if (typeof user?.id !== 'string' || typeof user.delete_at !== 'number') return;
    const id = user.id;
    const inactive = user.delete_at > 0;
    this.heardDuringLoad?.set(id, inactive);
    void this.ids?.then((set) => {
      if (inactive) set.add(id);
      else set.delete(id);
    }, () => undefined);
  }
}
