import { notFound } from '../../model/errors.js';
import type { UserRecord } from '../../model/types.js';
import { newId } from '../../model/id.js';
import { actorForUser } from '../actor.js';
import type { AppDeps } from '../deps.js';
import { publishEphemeral } from '../ephemeral.js';
import type { PostView } from '../post_presenter.js';
import type { PostService } from '../posts.js';
import type { ActionCookies } from './actions/action_cookies.js';
import { normalizeAttachments, type StoredAttachment } from './attachments.js';
import { slackToMarkdown } from './slack_markup.js';

/** A post an integration makes: an incoming webhook's, a command's or an outgoing webhook's answer. */
export interface IntegrationPostInput {
  /** Whose post it is: the webhook's creator, the user who ran the command. */
  authorId: string;
  /** The author's record, when the caller has just read it (an incoming webhook's owner): saves a read per post. */
  author?: UserRecord;
  channelId: string;
  rootId?: string;
  text: string;
  /** Slack-style attachments as the integration sent them (validated here; a 400 when malformed). */
  attachments?: unknown;
  /** The integration's own props (the server's reserved keys are dropped from them). */
  props?: Record<string, unknown>;
  type?: string;
  /** Shown instead of the author's name when ServiceSettings.EnablePostUsernameOverride allows it. */
  username?: string;
  /** Shown instead of the author's picture when ServiceSettings.EnablePostIconOverride allows it. */
  iconUrl?: string;
  skipSlackParsing?: boolean;
  /** Server props this integration adds (webhook_display_name ...). */
  serverProps?: Record<string, unknown>;
  /** Incoming webhooks post in open channels their creator has not joined. */
  allowNonMember?: boolean;
  /** A time the post must come after (the next piece of a split message). */
  createdAfter?: number;
}

/**
 * Posting for integrations. Every integration post is marked `from_webhook` (Mattermost's clients show a BOT tag
 * for it) and carries the name and icon overrides the settings allow; its attachments are validated and its Slack
 * markup turned into Markdown. The author's own permissions decide, as for their own posts.
 */
export class IntegrationPosts {
  constructor(private readonly deps: AppDeps, private readonly posts: PostService, private readonly cookies: ActionCookies) {}

  async post(input: IntegrationPostInput): Promise<PostView> {
    const author = input.author ?? await this.deps.store.users.get(input.authorId);
    if (!author || author.delete_at > 0) throw notFound('user');
    const { message, props, attachments } = contentOf(input);
    if (attachments.length > 0) props.attachments = attachments;
    return this.posts.create(actorForUser(author), { channel_id: input.channelId, root_id: input.rootId ?? '', message, props, type: input.type ?? '' }, {
      serverProps: { ...this.overrides(input), ...input.serverProps }, allowNonMember: input.allowNonMember, createdAfter: input.createdAfter,
    });
  }

  /**
   * A message only `userId` sees, shown as the integration's (with its overrides), never stored. Its actions carry
   * sealed cookies, which the client sends back with a click in place of the stored post (action_cookies.ts).
   */
  async ephemeral(userId: string, input: Omit<IntegrationPostInput, 'authorId' | 'author' | 'allowNonMember' | 'createdAfter'>): Promise<PostView> {
    const content = contentOf(input);
    const { message, attachments } = content;
    const props = { ...content.props, ...this.overrides(input), ...input.serverProps };
    const id = newId();
    if (attachments.length > 0) {
      props.attachments = await this.cookies.addTo(attachments, { id, root_id: input.rootId ?? '', channel_id: input.channelId, props });
    }
    return publishEphemeral(this.deps, { id, userId, authorId: userId, channelId: input.channelId, rootId: input.rootId, message, props });
  }

  /** `from_webhook` and the name and icon overrides ServiceSettings allows. */
  private overrides(input: Pick<IntegrationPostInput, 'username' | 'iconUrl'>): Record<string, unknown> {
    const service = this.deps.liveConfig.document.ServiceSettings;
    const props: Record<string, unknown> = { from_webhook: 'true' };
    if (input.username && service.EnablePostUsernameOverride) props.override_username = input.username;
    if (input.iconUrl && service.EnablePostIconOverride) props.override_icon_url = input.iconUrl;
    return props;
  }
}

/**
 * The message and props an integration sent, its Slack markup turned into Markdown and its attachments validated:
 * those beside the text, or, as some senders put them, inside props (never stored unchecked).
 */
function contentOf(input: Pick<IntegrationPostInput, 'text' | 'attachments' | 'props' | 'skipSlackParsing'>): {
  message: string; props: Record<string, unknown>; attachments: StoredAttachment[];
} {
  const { attachments: inProps, ...props } = input.props ?? {};
  const attachments = normalizeAttachments(input.attachments ?? inProps, { skipSlackParsing: input.skipSlackParsing });
  return { message: input.skipSlackParsing ? input.text : slackToMarkdown(input.text), props, attachments };
}
