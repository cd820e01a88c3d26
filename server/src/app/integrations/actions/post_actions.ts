import { isObject } from '../../../config/document/paths.js';
import { AppError } from '../../../model/errors.js';
import type { ChannelRecord, PostRecord } from '../../../model/types.js';
import type { Actor } from '../../actor.js';
import { readableChannel } from '../../channel_rules.js';
import type { AppDeps } from '../../deps.js';
import { publishEphemeral } from '../../ephemeral.js';
import type { Permissions } from '../../permissions.js';
import type { PostService } from '../../posts.js';
import type { ActionIntegration } from '../attachments.js';
import { answerJson } from '../integration_requests.js';
import { slackToMarkdown } from '../slack_markup.js';
import type { TriggerIds } from '../trigger_ids.js';
import { retainedProps, type ActionCookies } from './action_cookies.js';
import { ACTION_FAILED, postToIntegration } from './action_requests.js';
import { findStoredAction, propsAfterUpdate } from './action_update.js';

/** A click: the option chosen in a menu, and the cookie of an ephemeral post's action. */
export interface PostActionRequest {
  selected_option?: string;
  cookie?: string;
}

/** Mattermost's PostActionAPIResponse, with the location the integration sends the user to. */
export interface PostActionAnswer {
  status: 'OK';
  trigger_id: string;
  goto_location?: string;
}

/** What a click acts on, read from the stored post or from the cookie of an ephemeral one. */
interface ActionTarget {
  channel: ChannelRecord;
  type: string;
  dataSource: string;
  integration: ActionIntegration;
  rootPostId: string;
  kept: { retain: Record<string, unknown>; remove: string[] };
  /** The stored post, which an `update` edits (ephemeral posts are not stored, so not updated). */
  post?: PostRecord;
}

/**
 * Message actions: a user clicks a button or picks an option of an integration's post, the server tells the
 * integration (Mattermost's PostActionIntegrationRequest, with a trigger id to open a dialog) and applies its
 * answer: an update of the post, an ephemeral message to the user, a location to go to.
 */
export class PostActions {
  constructor(
    private readonly deps: AppDeps, private readonly permissions: Permissions, private readonly posts: PostService,
    private readonly triggerIds: TriggerIds, private readonly cookies: ActionCookies,
  ) {}

  async run(actor: Actor, postId: string, actionId: string, request: PostActionRequest): Promise<PostActionAnswer> {
    const target = await this.target(actor, postId, actionId, request.cookie);
    const [user, team] = await Promise.all([
      this.deps.store.users.get(actor.userId),
      target.channel.team_id ? this.deps.store.teams.get(target.channel.team_id) : Promise.resolve(undefined),
    ]);
    const triggerId = await this.triggerIds.issue(actor.userId);
    const context: Record<string, unknown> | undefined = target.integration.context ? { ...target.integration.context } : undefined;
    const selected = target.type === 'select' && request.selected_option ? request.selected_option : '';
    const answer = await this.call(target.integration.url, {
      user_id: actor.userId, user_name: user?.username ?? '', channel_id: target.channel.id, channel_name: target.channel.name,
      team_id: target.channel.team_id, team_domain: team?.name ?? '', post_id: postId, trigger_id: triggerId, type: target.type,
      // As Mattermost: the data source and the choice are sent for a menu's pick only.
      data_source: selected ? target.dataSource : '',
      context: selected ? { ...context, selected_option: selected } : context,
    });
    const skipSlackParsing = answer.skip_slack_parsing === true;
    if (target.post && answer.update !== undefined && answer.update !== null) {
      if (target.channel.delete_at > 0) throw new AppError('api.post.update_post.can_not_update_post_in_deleted.error', 'Cannot update a post in an archived channel.', 400);
      const update = isObject(answer.update) ? answer.update : {};
      const message = typeof update.message === 'string' ? update.message : '';
      const props = propsAfterUpdate(target.post.props, update.props, target.kept, skipSlackParsing);
      await this.posts.replaceByIntegration(actor, postId, message, props);
    }
    if (typeof answer.ephemeral_text === 'string' && answer.ephemeral_text !== '') {
      publishEphemeral(this.deps, {
        userId: actor.userId, authorId: actor.userId, channelId: target.channel.id, rootId: target.rootPostId,
        message: skipSlackParsing ? answer.ephemeral_text : slackToMarkdown(answer.ephemeral_text), props: target.kept.retain,
      });
    }
    const result: PostActionAnswer = { status: 'OK', trigger_id: this.triggerIds.clientIdOf(triggerId) };
    if (typeof answer.goto_location === 'string' && answer.goto_location !== '') result.goto_location = answer.goto_location;
    return result;
  }

  /** The stored post's action (a cookie is then ignored, as in Mattermost), or the ephemeral post's from its cookie. */
  private async target(actor: Actor, postId: string, actionId: string, cookie: string | undefined): Promise<ActionTarget> {
    const post = await this.deps.store.posts.get(postId);
    if (post && post.delete_at === 0) {
      const channel = await readableChannel(this.deps.store, this.permissions, actor, post.channel_id);
      const action = findStoredAction(post.props, actionId);
      if (!action?.integration) throw new AppError('api.post.do_action.action_id.app_error', 'The post has no such action.', 404);
      return {
        channel, type: action.type, dataSource: action.data_source, integration: action.integration,
        rootPostId: post.root_id || post.id, kept: retainedProps(post.props), post,
      };
    }
    if (!cookie) throw new AppError('app.post.get.app_error', 'The post was not found.', 404);
    const opened = await this.cookies.open(cookie);
    if (opened.post_id !== postId) throw new AppError(ACTION_FAILED, 'The action\'s cookie belongs to another post.', 400);
    const channel = await readableChannel(this.deps.store, this.permissions, actor, opened.channel_id);
    return {
      channel, type: opened.type, dataSource: opened.data_source ?? '', integration: opened.integration,
      rootPostId: opened.root_post_id, kept: { retain: opened.retain_props ?? {}, remove: opened.remove_props ?? [] },
    };
  }

  /** Posts the click to the integration; its answer must be a JSON object, or nothing. */
  private async call(url: string, body: Record<string, unknown>): Promise<Record<string, unknown>> {
    const answer = await postToIntegration(this.deps, 'message_action', url, body);
    if (answer.body.length === 0) return {};
    const json = answerJson(answer);
    if (!isObject(json)) throw new AppError(ACTION_FAILED, 'The integration\'s answer is not a JSON object.', 400);
    return json;
  }
}
