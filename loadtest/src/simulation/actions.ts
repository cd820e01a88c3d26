import type { HttpClient } from '../client/http.js';
import type { UserSocket } from '../client/socket.js';
import type { Counters } from '../report/counters.js';
import type { Random } from './random.js';
import type { ChannelRef, PostList, UserState } from './user_state.js';
import { WeightedPicker } from './weighted.js';

// The user actions of load-test-ng's simulative controller, with its
// frequencies (relative weights). Left out: those Parley has no API for or that
// are rarer than 1 in 10,000 actions and change the data shape (surveys, post
// search, custom statuses, channel creation, joins, reminders, acknowledgements,
// logout/login, reports, follow/unfollow, sidebar categories).

/** What an action can use of the user running it. */
export interface ActionHost {
  readonly http: HttpClient;
  readonly token: string;
  readonly userId: string;
  readonly random: Random;
  readonly state: UserState;
  readonly socket: UserSocket;
  readonly counters: Counters;
  /** Opens a channel as the web app does (posts around the unread line, view, stats). */
  switchTo(channel: ChannelRef): Promise<void>;
  /** Reloads everything the web app loads on start. */
  reload(): Promise<void>;
}

export type Action = (host: ActionHost) => Promise<void>;

export interface NamedAction {
  name: string;
  run: Action;
}

const WORDS = ['deploy', 'review', 'meeting', 'lunch', 'release', 'ticket', 'build', 'coffee', 'design', 'bug', 'metrics', 'plan', 'today', 'tomorrow', 'thanks', 'great', 'agreed', 'question', 'update', 'docs'];
/** Share of new posts that answer in a thread. */
const REPLY_SHARE = 0.2;

function sentence(random: Random): string {
  const words: string[] = [];
  for (let i = random.int(4, 24); i > 0; i--) words.push(random.pick(WORDS) ?? 'ok');
  return words.join(' ');
}

const json = <T>(body: string): T => JSON.parse(body) as T;

const switchChannel: Action = async (host) => {
  const channel = host.random.pick(host.state.teamChannels());
  if (channel) await host.switchTo(channel);
};

const scrollChannel: Action = async ({ http, token, state }) => {
  if (!state.current || !state.oldestLoaded) return;
  const page = await http.call('GET', `/channels/${state.current.id}/posts?before=${state.oldestLoaded}&page=0&per_page=30`, token);
  state.showPosts(json<PostList>(page.body), false);
};

const openDirectChannel: Action = async (host) => {
  const dm = host.random.pick(host.state.directChannels());
  const partner = dm && host.state.partnerOf(dm);
  if (!dm || !partner) return;
  await openDirectWith(host, partner);
};

/** `POST /channels/direct` (get or create), show it in the sidebar, then open it. */
async function openDirectWith(host: ActionHost, partner: string): Promise<void> {
  const { http, token, userId, state } = host;
  const channel = json<{ id: string; type: string; name: string }>((await http.call('POST', '/channels/direct', token, [userId, partner])).body);
  await http.call('PUT', `/users/${userId}/preferences`, token, [{ user_id: userId, category: 'direct_channel_show', name: partner, value: 'true' }]);
  const ref = { ...channel, teamId: state.teamId };
  state.addChannel(ref);
  await host.switchTo(ref);
}

const createDirectChannel: Action = async (host) => {
  const other = host.random.pick(host.state.shownUsers());
  if (other) await openDirectWith(host, other);
};

const unreadCheck: Action = async ({ http, token }) => {
  await http.call('GET', '/users/me/teams/unread', token);
};

const createPost: Action = async ({ http, token, random, state, counters }) => {
  if (!state.current) return;
  const root = random.chance(REPLY_SHARE) ? random.pick(state.posts) : undefined;
  const body = { channel_id: state.current.id, message: sentence(random), root_id: root ? root.rootId || root.id : '', pending_post_id: '' };
  const post = json<{ id: string }>((await http.call('POST', '/posts', token, body)).body);
  state.rememberMyPost(post.id);
  counters.postsCreated++;
};

const addReaction: Action = async ({ http, token, userId, random, state }) => {
  const post = random.pick(state.posts);
  if (!post) return;
  await http.call('POST', '/reactions', token, { user_id: userId, post_id: post.id, emoji_name: random.pick(['thumbsup', 'smile', 'tada', 'eyes']) });
};

const editPost: Action = async ({ http, token, random, state }) => {
  const id = random.pick(state.myPosts);
  if (id) await http.call('PUT', `/posts/${id}/patch`, token, { message: `${sentence(random)} (edited)` });
};

const deletePost: Action = async ({ http, token, random, state }) => {
  const id = random.pick(state.myPosts);
  if (!id) return;
  state.forgetMyPost(id);
  await http.call('DELETE', `/posts/${id}`, token);
};

const viewGlobalThreads: Action = async ({ http, token, state }) => {
  const page = await http.call('GET', `/users/me/teams/${state.teamId}/threads?per_page=25&extended=true&unread=false&deleted=false`, token);
  state.threadIds = json<{ threads?: { id: string }[] }>(page.body).threads?.map((t) => t.id) ?? [];
};

const viewThread: Action = async ({ http, token, random, state }) => {
  const post = random.pick(state.posts);
  if (post) await http.call('GET', `/posts/${post.rootId || post.id}/thread?skipFetchThreads=false&collapsedThreads=true&collapsedThreadsExtended=false&direction=down&perPage=25`, token);
};

const updateThreadRead: Action = async ({ http, token, random, state }) => {
  const thread = random.pick(state.threadIds);
  if (thread) await http.call('PUT', `/users/me/teams/${state.teamId}/threads/${thread}/read/${Date.now()}`, token);
};

const searchUsers: Action = async ({ http, token, random, state }) => {
  await http.call('POST', '/users/search', token, { term: `lt-user-${random.int(0, 99)}`, team_id: state.teamId, allow_inactive: false, limit: 100 });
};

const searchChannels: Action = async ({ http, token, random, state }) => {
  await http.call('POST', `/teams/${state.teamId}/channels/search`, token, { term: `lt-${state.currentTeam + 1}-channel-${random.int(0, 9)}` });
};

const searchGroupChannels: Action = async ({ http, token, random }) => {
  await http.call('POST', '/channels/group/search', token, { term: `lt-user-${random.int(0, 9)}` });
};

const openUserProfile: Action = async ({ http, token, random, state }) => {
  const other = random.pick(state.shownUsers());
  if (other) await http.call('GET', `/users/${other}`, token);
};

const openPermalink: Action = async ({ http, token, random, state }) => {
  const post = random.pick(state.posts);
  if (post) await http.call('GET', `/posts/${post.id}`, token);
};

const reconnectWebSocket: Action = async ({ socket }) => {
  await socket.reconnect();
};

const switchTeam: Action = async (host) => {
  host.state.currentTeam = (host.state.currentTeam + 1) % Math.max(1, host.state.teamIds.length);
  await switchChannel(host);
};

const fullReload: Action = async (host) => {
  await host.reload();
};

/** load-test-ng's frequencies for the actions above. */
export const ACTIONS: readonly { action: NamedAction; weight: number }[] = [
  { action: { name: 'SwitchChannel', run: switchChannel }, weight: 6.5219 },
  { action: { name: 'SwitchTeam', run: switchTeam }, weight: 0.0001 },
  { action: { name: 'ScrollChannel', run: scrollChannel }, weight: 1.9873 },
  { action: { name: 'OpenDirectOrGroupChannel', run: openDirectChannel }, weight: 0.9843 },
  { action: { name: 'UnreadCheck', run: unreadCheck }, weight: 1 },
  { action: { name: 'CreatePost', run: createPost }, weight: 1 },
  { action: { name: 'SearchChannels', run: searchChannels }, weight: 0.015 },
  { action: { name: 'AddReaction', run: addReaction }, weight: 0.1306 },
  { action: { name: 'FullReload', run: fullReload }, weight: 0.0008 },
  { action: { name: 'CreateDirectChannel', run: createDirectChannel }, weight: 0.0055 },
  { action: { name: 'SearchUsers', run: searchUsers }, weight: 0.032 },
  { action: { name: 'EditPost', run: editPost }, weight: 0.04 },
  { action: { name: 'DeletePost', run: deletePost }, weight: 0.0049 },
  { action: { name: 'SearchGroupChannels', run: searchGroupChannels }, weight: 0.0204 },
  { action: { name: 'ViewGlobalThreads', run: viewGlobalThreads }, weight: 0.6023 },
  { action: { name: 'ViewThread', run: viewThread }, weight: 0.2841 },
  { action: { name: 'UpdateThreadRead', run: updateThreadRead }, weight: 0.3236 },
  { action: { name: 'ClickUserProfile', run: openUserProfile }, weight: 0.03 },
  { action: { name: 'ClickPermalink', run: openPermalink }, weight: 0.3 },
  { action: { name: 'ReconnectWebSocket', run: reconnectWebSocket }, weight: 0.144 },
];

export const actionPicker = (): WeightedPicker<NamedAction> => new WeightedPicker(ACTIONS.map(({ action, weight }) => ({ item: action, weight })));
