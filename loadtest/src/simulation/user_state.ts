// What a simulated user remembers between actions, as the web app's store
// would: its teams and channels, the channel on screen and its newest posts,
// threads it follows, and the users it shows (whose statuses it polls).

export interface ChannelRef {
  id: string;
  type: string;
  name: string;
  teamId: string;
}

export interface SeenPost {
  id: string;
  userId: string;
  rootId: string;
  createAt: number;
}

interface WirePost {
  id: string;
  user_id: string;
  root_id: string;
  create_at: number;
}

export interface PostList {
  order: string[];
  posts: Record<string, WirePost>;
}

/** The most users whose statuses one poll asks for (a sidebar and a screen of posts). */
const SHOWN_USERS_MAX = 50;
const MY_POSTS_KEPT = 10;

export class UserState {
  teamIds: string[] = [];
  currentTeam = 0;
  /** Each team's channels (DMs and GMs are listed under every team, as the server lists them). */
  channelsByTeam = new Map<string, ChannelRef[]>();
  current: ChannelRef | undefined;
  /** Newest first, the page on screen. */
  posts: SeenPost[] = [];
  /** The oldest post loaded in the current channel, for scrolling back. */
  oldestLoaded = '';
  threadIds: string[] = [];
  myPosts: string[] = [];
  private readonly shown = new Set<string>();

  constructor(readonly userId: string) {}

  get teamId(): string {
    return this.teamIds[this.currentTeam] ?? '';
  }

  teamChannels(): ChannelRef[] {
    return this.channelsByTeam.get(this.teamId) ?? [];
  }

  directChannels(): ChannelRef[] {
    return this.teamChannels().filter((c) => c.type === 'D' || c.type === 'G');
  }

  /** The other member of a DM (its name is the two ids joined by `__`). */
  partnerOf(channel: ChannelRef): string | undefined {
    if (channel.type !== 'D') return undefined;
    const [a, b] = channel.name.split('__');
    return a === this.userId ? b : a;
  }

  setTeamChannels(teamId: string, channels: { id: string; type: string; name: string }[]): void {
    this.channelsByTeam.set(teamId, channels.map((c) => ({ id: c.id, type: c.type, name: c.name, teamId })));
    for (const c of channels) {
      const partner = this.partnerOf({ ...c, teamId });
      if (partner) this.show(partner);
    }
  }

  addChannel(channel: ChannelRef): void {
    for (const [teamId, list] of this.channelsByTeam) {
      if (!list.some((c) => c.id === channel.id)) list.push({ ...channel, teamId });
    }
  }

  /** A page of the current channel's posts, newest first. */
  /**
   * Puts the channel on screen with nothing loaded yet: if loading it fails, later scrolls and replies must not use
   * the previous channel's posts (the server refuses them with 400).
   */
  enter(channel: ChannelRef): void {
    this.current = channel;
    this.posts = [];
    this.oldestLoaded = '';
  }

  showPosts(list: PostList, replace: boolean): void {
    const page: SeenPost[] = [];
    for (const id of list.order) {
      const p = list.posts[id];
      if (!p) continue;
      page.push({ id, userId: p.user_id, rootId: p.root_id, createAt: p.create_at });
      this.show(p.user_id);
    }
    if (replace) this.posts = page;
    if (page.length > 0) this.oldestLoaded = page[page.length - 1].id;
    else if (replace) this.oldestLoaded = '';
  }

  rememberMyPost(id: string): void {
    this.myPosts.push(id);
    if (this.myPosts.length > MY_POSTS_KEPT) this.myPosts.shift();
  }

  forgetMyPost(id: string): void {
    this.myPosts = this.myPosts.filter((p) => p !== id);
    this.posts = this.posts.filter((p) => p.id !== id);
  }

  /** Users on screen: the most recent ones are kept. */
  show(userId: string): void {
    if (userId === this.userId) return;
    this.shown.delete(userId);
    this.shown.add(userId);
    if (this.shown.size > SHOWN_USERS_MAX) this.shown.delete(this.shown.values().next().value as string);
  }

  shownUsers(): string[] {
    return [...this.shown];
  }
}
