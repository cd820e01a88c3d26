import type { Store } from '../../store/store.js';
import type { Actor } from '../actor.js';
import { directChannelName } from '../channel_rules.js';
import type { AppDeps } from '../deps.js';
import type { SearchTerms } from './search_terms.js';

// What post search and file search share: the request (Mattermost's SearchParameter) and where a search looks.
// Both look only in channels the user is a member of now (membership, not visibility: public channels they have
// not joined are not searched), DMs and GMs with any team, archived channels only when asked and allowed;
// `from:` and `in:` name users and channels, and unknown names match nothing.

export interface SearchParams {
  terms: string;
  isOrSearch: boolean;
  /** Seconds east of UTC, for the days of `on:`/`before:`/`after:`. */
  timeZoneOffset: number;
  includeDeletedChannels: boolean;
  page: number;
  perPage: number;
}

/** The most results one page of a search holds. */
export const MAX_SEARCH_PER_PAGE = 200;

export class SearchScope {
  constructor(private readonly deps: Pick<AppDeps, 'store' | 'liveConfig'>) {}

  private get store(): Store {
    return this.deps.store;
  }

  /** The ids of the users named, those that exist. */
  async userIds(usernames: readonly string[]): Promise<string[]> {
    return (await this.store.users.getByUsernames(usernames)).map((u) => u.id);
  }

  /** The ids of the channels searched: the user's, in the team (and DMs and GMs) or all, narrowed by `in:` and `-in:`. */
  async channelIds(actor: Actor, teamId: string | undefined, terms: SearchTerms, includeDeleted: boolean): Promise<string[]> {
    const teamSettings = this.deps.liveConfig.document.TeamSettings as { ExperimentalViewArchivedChannels?: boolean };
    const archivedViewable = teamSettings.ExperimentalViewArchivedChannels !== false;
    let channels = await this.store.channels.listForUser(actor.userId, { teamId, includeDeleted: includeDeleted && archivedViewable });
    if (terms.inChannels.length > 0) {
      const names = await this.channelNames(actor.userId, terms.inChannels);
      channels = channels.filter((c) => names.has(c.name));
    }
    if (terms.excludedInChannels.length > 0) {
      const names = await this.channelNames(actor.userId, terms.excludedInChannels);
      channels = channels.filter((c) => !names.has(c.name));
    }
    return channels.map((c) => c.id);
  }

  /** Channel names as `in:` means them: a name, or `@username` for the direct message with that user. */
  private async channelNames(userId: string, written: readonly string[]): Promise<Set<string>> {
    const names = new Set(written.filter((n) => !n.startsWith('@')));
    const dmUsers = written.filter((n) => n.startsWith('@')).map((n) => n.slice(1));
    if (dmUsers.length > 0) {
      for (const other of await this.userIds(dmUsers)) names.add(directChannelName(userId, other));
    }
    return names;
  }
}
