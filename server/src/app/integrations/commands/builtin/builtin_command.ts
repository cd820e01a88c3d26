import { AppError } from '../../../../model/errors.js';
import type { Actor } from '../../../actor.js';
import type { ChannelMemberService } from '../../../channel_members.js';
import type { ChannelService } from '../../../channels.js';
import type { AppDeps } from '../../../deps.js';
import type { DirectChannelService } from '../../../direct_channels.js';
import type { Permissions } from '../../../permissions.js';
import type { PostService } from '../../../posts.js';
import type { PreferenceService } from '../../../preferences.js';
import type { SessionService } from '../../../sessions.js';
import type { StatusService } from '../../../statuses.js';
import type { ChannelRecord, Team, UserRecord } from '../../../../model/types.js';

/** What a built-in command answers: Mattermost's CommandResponse fields the built-ins use. */
export interface BuiltinReply {
  /** `in_channel` posts the text as the caller; otherwise (the default) only the caller sees it. */
  response_type?: 'ephemeral' | 'in_channel';
  text?: string;
  /** The post type of an in-channel answer (`me`). */
  type?: string;
  /** Where the client goes next (a channel, the login page). */
  goto_location?: string;
}

/** The services built-ins act through, always with the caller's actor so the caller's permissions apply. */
export interface BuiltinServices {
  deps: AppDeps;
  permissions: Permissions;
  channels: ChannelService;
  channelMembers: ChannelMemberService;
  directChannels: DirectChannelService;
  preferences: PreferenceService;
  statuses: StatusService;
  posts: PostService;
  sessions: SessionService;
}

/** One run of a built-in. */
export interface BuiltinRun {
  app: BuiltinServices;
  actor: Actor;
  user: UserRecord;
  /** Where the command was typed. */
  channel: ChannelRecord;
  /** The team the command runs in (the channel's; for a DM or GM, the team the client named). */
  team: Team;
  rootId: string;
  /** What follows the trigger. */
  message: string;
  /** SiteURL without a trailing slash ('' when unset: locations are then relative). */
  siteUrl: string;
}

/** An argument shape the autocomplete suggests after the trigger. */
export interface ArgumentSuggestion {
  complete: string;
  hint: string;
  description: string;
}

export interface BuiltinCommand {
  trigger: string;
  displayName: string;
  description: string;
  /** The arguments, as the autocomplete shows them (`@username [~channel]`). */
  hint: string;
  arguments?: readonly ArgumentSuggestion[];
  run(run: BuiltinRun): Promise<BuiltinReply>;
}

/** An answer only the caller sees. */
export const tell = (text: string): BuiltinReply => ({ response_type: 'ephemeral', text });

/** The web client's path of a channel of the team. */
export const channelLocation = (run: BuiltinRun, channelName: string): string => `${run.siteUrl}/${run.team.name}/channels/${channelName}`;

/** A `~channel` or `@user` argument without its sigil, lower-cased as names are stored. */
export const handle = (word: string, sigil: '~' | '@'): string => (word.startsWith(sigil) ? word.slice(1) : word).toLowerCase();

/** The first word of the message and the rest. */
export function splitFirst(message: string): [string, string] {
  const trimmed = message.trim();
  const space = trimmed.search(/\s/);
  return space < 0 ? [trimmed, ''] : [trimmed.slice(0, space), trimmed.slice(space + 1).trim()];
}

/**
 * What to tell the caller when a service refused: the given text for a permission refusal, the service's own message
 * for other refusals it explains (Town Square cannot be left, an archived channel ...). Anything else is a real fault.
 */
export function refusal(err: unknown, forbiddenText: string): BuiltinReply {
  if (err instanceof AppError && err.statusCode < 500) return tell(err.statusCode === 403 ? forbiddenText : err.message);
  throw err;
}
