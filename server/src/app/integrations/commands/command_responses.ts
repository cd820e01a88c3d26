import type { CommandResponse } from '@mattermost/types/integrations';
import { AppError } from '../../../model/errors.js';
import type { Actor } from '../../actor.js';
import type { AppDeps } from '../../deps.js';
import { publishEphemeral } from '../../ephemeral.js';
import type { PostService } from '../../posts.js';
import type { IntegrationPosts } from '../integration_posts.js';
import type { IntegrationResponse } from '../integration_response.js';

/** Where a command ran and who ran it: its answers go there, as them. */
export interface CommandPlace {
  actor: Actor;
  channelId: string;
  rootId: string;
}

/** Who answers: a built-in (posts as the user, plainly) or a custom command (posts marked as an integration's). */
export type CommandSource = { builtIn: true } | { builtIn: false; trigger: string; username: string; iconUrl: string };

/**
 * Posts a command's answer and its extra answers as Mattermost does: `in_channel` as a post by the caller, otherwise
 * (when there is something to show) as an ephemeral message only the caller sees. An answer may name another channel
 * the caller belongs to. One failed answer does not stop the others; the call then fails with the last error.
 */
export class CommandResponses {
  constructor(private readonly deps: AppDeps, private readonly posts: PostService, private readonly integrationPosts: IntegrationPosts) {}

  async post(place: CommandPlace, response: IntegrationResponse, source: CommandSource): Promise<void> {
    let failure: unknown;
    for (const answer of [response, ...(response.extra_responses ?? [])]) {
      try {
        await this.postOne(place, answer, source);
      } catch (err) {
        failure = err;
        this.deps.log.warn({ err, channelId: place.channelId }, 'a slash command answer could not be posted');
      }
    }
    if (failure !== undefined) {
      const status = failure instanceof AppError && failure.statusCode < 500 ? failure.statusCode : 500;
      const trigger = source.builtIn ? 'the command' : `/${source.trigger}`;
      throw new AppError('api.command.execute_command.create_post_failed.app_error', `The answer of ${trigger} could not be posted: ${failure instanceof Error ? failure.message : 'unknown error'}`, status);
    }
  }

  private async postOne(place: CommandPlace, answer: IntegrationResponse, source: CommandSource): Promise<void> {
    const userId = place.actor.userId;
    let channelId = place.channelId;
    if (answer.channel_id && answer.channel_id !== channelId) {
      if (!(await this.deps.store.channels.getMember(answer.channel_id, userId))) {
        throw new AppError('api.command.command_post.forbidden.app_error', 'The command answered into a channel the user is not a member of.', 403);
      }
      channelId = answer.channel_id;
    }
    const inChannel = answer.response_type === 'in_channel';
    const hasContent = answer.text !== '' || answer.attachments !== undefined;
    if (!inChannel && !hasContent) return;
    const rootId = place.rootId || undefined;
    if (source.builtIn) {
      if (inChannel) await this.posts.create(place.actor, { channel_id: channelId, root_id: rootId, message: answer.text, type: answer.type, props: answer.props });
      else publishEphemeral(this.deps, { userId, authorId: userId, channelId, rootId, message: answer.text });
      return;
    }
    // The command's own name and icon win over what its answer says, as in Mattermost.
    const common = {
      channelId, rootId, text: answer.text, attachments: answer.attachments, props: answer.props,
      username: source.username || answer.username, iconUrl: source.iconUrl || answer.icon_url, skipSlackParsing: answer.skip_slack_parsing,
    };
    if (inChannel) await this.integrationPosts.post({ ...common, authorId: userId, type: answer.type });
    else await this.integrationPosts.ephemeral(userId, common);
  }
}

/** Mattermost's CommandResponse (the published type has channel_id wrong). */
export type CommandResponseBody = Omit<CommandResponse, 'channel_id' | 'extra_responses'> & { channel_id: string; extra_responses: CommandResponseBody[] };

/** The CommandResponse the client gets back: Mattermost sends every field. */
export function presentCommandResponse(response: IntegrationResponse, triggerId: string): CommandResponseBody {
  return {
    response_type: response.response_type ?? '', text: response.text, username: response.username ?? '',
    channel_id: response.channel_id ?? '', icon_url: response.icon_url ?? '', type: response.type ?? '', props: response.props ?? {},
    goto_location: response.goto_location ?? '', trigger_id: triggerId, skip_slack_parsing: response.skip_slack_parsing ?? false,
    attachments: Array.isArray(response.attachments) ? response.attachments : [],
    extra_responses: (response.extra_responses ?? []).map((extra) => presentCommandResponse(extra, '')),
  };
}
