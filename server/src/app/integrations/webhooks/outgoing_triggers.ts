import { isObject } from '../../../config/document/paths.js';
import type { PostRecord } from '../../../model/types.js';
import type { OutgoingWebhookRecord } from '../../../store/integrations/webhooks.js';
import type { AppDeps } from '../../deps.js';
import type { PostNotifyHook, SavedPost } from '../../notifications/saved_post.js';
import type { IntegrationPosts } from '../integration_posts.js';
import { answerJson, type IntegrationAnswer } from '../integration_requests.js';
import { integrationResponseOf } from '../integration_response.js';
import { OutgoingDispatcher } from './outgoing_dispatch.js';
import type { OutgoingHookCache } from './outgoing_hook_cache.js';

export const TRIGGER_EXACT = 0;
export const TRIGGER_STARTS_WITH = 1;

/** What a hook's URL receives about the post (Mattermost's OutgoingWebhookPayload). */
interface OutgoingPayload {
  token: string;
  team_id: string;
  team_domain: string;
  channel_id: string;
  channel_name: string;
  timestamp: number;
  user_id: string;
  user_name: string;
  post_id: string;
  text: string;
  trigger_word: string;
  file_ids: string;
}

/**
 * The trigger word a post's first word matches for this hook ('' for a channel hook without words), or undefined
 * when the hook does not fire. A hook of the post's channel without trigger words fires for every post.
 */
export function matchTrigger(hook: OutgoingWebhookRecord, channelId: string, message: string): string | undefined {
  if (hook.channel_id !== '' && hook.channel_id !== channelId) return undefined;
  if (hook.channel_id === channelId && hook.trigger_words.length === 0) return '';
  const firstWord = message.trim().split(/\s+/)[0] ?? '';
  if (firstWord === '') return undefined;
  return hook.trigger_when === TRIGGER_STARTS_WITH
    ? hook.trigger_words.find((word) => firstWord.startsWith(word))
    : hook.trigger_words.find((word) => word === firstWord);
}

/**
 * Fires outgoing webhooks after a post is saved (PostService tells it of every user post): posts in public
 * channels by people, never an integration's or a bot's own posts (two hooks would answer each other forever) nor
 * system messages. The calls leave from the dispatcher's queue; an answer with text or attachments becomes a post
 * by the hook's creator, a reply when it asks for `response_type: comment`.
 */
export class OutgoingWebhookTriggers implements PostNotifyHook {
  readonly dispatcher: OutgoingDispatcher;
  /** Matching still under way (the team's hooks being read), for whenIdle. */
  private readonly matching = new Set<Promise<void>>();

  constructor(private readonly deps: AppDeps, private readonly hooks: OutgoingHookCache, private readonly integrationPosts: IntegrationPosts) {
    this.dispatcher = new OutgoingDispatcher(deps);
  }

  afterPost(saved: SavedPost): void {
    const { channel, post, author } = saved;
    if (!this.deps.liveConfig.document.ServiceSettings.EnableOutgoingWebhooks) return;
    if (channel.type !== 'O' || post.type.startsWith('system_') || author.is_bot) return;
    if (post.props.from_webhook === 'true' || post.props.from_bot === 'true') return;
    const matching = this.fire(saved).catch((err: unknown) => {
      this.deps.log.error({ post_id: post.id, err: String(err) }, 'outgoing webhooks not fired');
    }).finally(() => this.matching.delete(matching));
    this.matching.add(matching);
  }

  /** Resolves once every triggered call so far has finished (tests and benchmarks). */
  async whenIdle(): Promise<void> {
    await Promise.all(this.matching);
    await this.dispatcher.whenIdle();
  }

  private async fire({ channel, post, author }: SavedPost): Promise<void> {
    const hooks = await this.hooks.ofTeam(channel.team_id);
    if (hooks.length === 0) return;
    const fired = hooks.flatMap((hook) => {
      const triggerWord = matchTrigger(hook, channel.id, post.message);
      return triggerWord === undefined ? [] : [{ hook, triggerWord }];
    });
    if (fired.length === 0) return;
    const team = await this.deps.store.teams.get(channel.team_id);
    for (const { hook, triggerWord } of fired) {
      const payload: OutgoingPayload = {
        token: hook.token, team_id: hook.team_id, team_domain: team?.name ?? '', channel_id: channel.id, channel_name: channel.name,
        timestamp: post.create_at, user_id: author.id, user_name: author.username, post_id: post.id, text: post.message,
        trigger_word: triggerWord, file_ids: post.file_ids.join(','),
      };
      for (const url of hook.callback_urls) {
        this.dispatcher.enqueue({
          hookId: hook.id,
          request: hook.content_type === 'application/json' ? { kind: 'outgoing_webhook', url, json: payload } : { kind: 'outgoing_webhook', url, form: formFields(payload) },
          onAnswer: (answer) => this.answer(hook, post, answer),
        });
      }
    }
  }

  /** An answer with text or attachments is posted in the channel by the hook's creator. */
  private async answer(hook: OutgoingWebhookRecord, post: PostRecord, answer: IntegrationAnswer): Promise<void> {
    const json = answerJson(answer);
    if (!isObject(json)) return;
    const response = integrationResponseOf(json);
    const hasText = typeof json.text === 'string';
    if (!hasText && !(Array.isArray(response.attachments) && response.attachments.length > 0)) return;
    // Attachments come only from the top-level field, where they are validated; never unchecked through props.
    const props = { ...response.props };
    delete props.attachments;
    try {
      await this.integrationPosts.post({
        authorId: hook.creator_id, channelId: post.channel_id,
        rootId: response.response_type === 'comment' ? post.root_id || post.id : undefined,
        text: response.text, attachments: response.attachments, props, type: response.type,
        username: response.username || hook.username, iconUrl: response.icon_url || hook.icon_url,
        skipSlackParsing: response.skip_slack_parsing, serverProps: { webhook_display_name: hook.display_name }, allowNonMember: true,
      });
    } catch (err) {
      this.deps.log.warn({ hook_id: hook.id, post_id: post.id, err: String(err) }, 'outgoing webhook answer not posted');
    }
  }
}

/** The form Mattermost sends when the hook's content type is not JSON: the timestamp in seconds there. */
function formFields(payload: OutgoingPayload): Record<string, string> {
  return {
    ...payload, timestamp: String(Math.floor(payload.timestamp / 1000)),
  };
}
