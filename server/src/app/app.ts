import { CategoryService } from './categories.js';
import { ChannelMemberService } from './channel_members.js';
import { ChannelService } from './channels.js';
import { postListSlots } from './concurrency_limit.js';
import { DirectChannelService } from './direct_channels.js';
import type { AppDeps } from './deps.js';
import { MembershipCache } from './membership_cache.js';
import { PostingContexts } from './posting_context.js';
import { Permissions } from './permissions.js';
import { PreferenceService } from './preferences.js';
import { PresenceService } from './presence.js';
import { PostListService } from './post_lists.js';
import { PostService } from './posts.js';
import { ReactionService } from './reactions.js';
import { ThreadService } from './threads.js';
import { UnreadService } from './unreads.js';
import { SessionService } from './sessions.js';
import { StatusService } from './statuses.js';
import { TeamService } from './teams.js';
import { UserService } from './users.js';

/** The domain: one service per concept, wired together once. Knows nothing about HTTP. */
export class App {
  readonly permissions: Permissions;
  readonly sessions: SessionService;
  readonly users: UserService;
  readonly statuses: StatusService;
  readonly membership: MembershipCache;
  readonly presence: PresenceService;
  readonly teams: TeamService;
  readonly channels: ChannelService;
  readonly channelMembers: ChannelMemberService;
  readonly directChannels: DirectChannelService;
  readonly categories: CategoryService;
  readonly preferences: PreferenceService;
  readonly threads: ThreadService;
  readonly posts: PostService;
  readonly postLists: PostListService;
  readonly reactions: ReactionService;
  readonly unreads: UnreadService;

  constructor(readonly deps: AppDeps) {
    this.permissions = new Permissions(deps.store);
    this.sessions = new SessionService(deps);
    this.users = new UserService(deps, this.sessions, this.permissions);
    this.statuses = new StatusService(deps);
    this.membership = new MembershipCache(deps);
    this.presence = new PresenceService(deps, this.statuses, this.membership);
    this.teams = new TeamService(deps, this.permissions);
    this.channelMembers = new ChannelMemberService(deps, this.permissions);
    this.channels = new ChannelService(deps, this.permissions, this.channelMembers);
    this.directChannels = new DirectChannelService(deps, this.permissions);
    this.categories = new CategoryService(deps, this.permissions, this.channelMembers);
    this.preferences = new PreferenceService(deps, this.permissions, this.categories);
    const listSlots = postListSlots();
    this.threads = new ThreadService(deps, this.permissions, listSlots);
    this.posts = new PostService(deps, this.permissions, this.threads, new PostingContexts(deps));
    this.postLists = new PostListService(deps, this.permissions, listSlots);
    this.reactions = new ReactionService(deps, this.permissions);
    this.unreads = new UnreadService(deps, this.permissions);
    this.channels.setSystemPoster(this.posts);
    this.teams.setMembershipHooks({
      onJoined: (teamId, userId) => this.channels.onTeamJoined(teamId, userId),
      onLeft: async (teamId, userId) => {
        await this.channels.onTeamLeft(teamId, userId);
        await this.categories.onTeamLeft(teamId, userId);
      },
    });
  }

  /** True when the database answers. */
  async healthy(): Promise<boolean> {
    return this.deps.store.ping().then(() => true, () => false);
  }

  get config(): AppDeps['config'] {
    return this.deps.config;
  }
}
