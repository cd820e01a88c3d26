import { AppError } from '../../../model/errors.js';
import type { AtRestKey } from '../../admin/at_rest_key.js';
import { SealedBox } from '../../admin/sealed_box.js';
import type { ActionIntegration, StoredAttachment } from '../attachments.js';
import { ACTION_FAILED } from './action_requests.js';

/**
 * What a message action of an ephemeral post needs when it is clicked (Mattermost's PostActionCookie): ephemeral
 * posts are never stored, so the client carries this back, sealed so it can neither read nor change it.
 */
export interface ActionCookie {
  type: string;
  post_id: string;
  root_post_id: string;
  channel_id: string;
  data_source?: string;
  integration: ActionIntegration;
  /** The post's own props an update keeps (from_webhook, the overrides), and those it must not gain. */
  retain_props: Record<string, unknown>;
  remove_props: string[];
}

/** The server props an action's update keeps from the post it replaces (Mattermost's PostActionRetainPropKeys, and from_bot). */
export const RETAINED_PROP_KEYS = ['from_webhook', 'override_username', 'override_icon_url', 'from_bot'] as const;

const badCookie = (): AppError => new AppError(ACTION_FAILED, 'The action\'s cookie is not valid.', 400);

/** The props of `props` an update keeps, and the retained keys it does not have (which an update must not add). */
export function retainedProps(props: Record<string, unknown>): { retain: Record<string, unknown>; remove: string[] } {
  const retain: Record<string, unknown> = {};
  const remove: string[] = [];
  for (const key of RETAINED_PROP_KEYS) {
    if (key in props) retain[key] = props[key];
    else remove.push(key);
  }
  return { retain, remove };
}

/** Seals and opens action cookies (a key of their own, so nothing sealed here is mistaken for another use of the secret). */
export class ActionCookies {
  private readonly box: SealedBox;

  constructor(atRestKey: AtRestKey) {
    this.box = new SealedBox(atRestKey, 'action-cookie');
  }

  /**
   * The attachments of an ephemeral post with a cookie on every action that has an integration. The integration
   * itself stays on the action for the server's side and is stripped from the client's view (post_presenter.ts).
   */
  async addTo(attachments: StoredAttachment[], post: { id: string; root_id: string; channel_id: string; props: Record<string, unknown> }): Promise<StoredAttachment[]> {
    if (!attachments.some((a) => a.actions?.some((action) => action.integration))) return attachments;
    const { retain, remove } = retainedProps(post.props);
    return Promise.all(attachments.map(async (attachment) => ({
      ...attachment,
      actions: attachment.actions && await Promise.all(attachment.actions.map(async (action) => (action.integration ? {
        ...action,
        cookie: await this.box.seal({
          type: action.type, post_id: post.id, root_post_id: post.root_id || post.id, channel_id: post.channel_id,
          data_source: action.data_source, integration: action.integration, retain_props: retain, remove_props: remove,
        } satisfies ActionCookie),
      } : action))),
    })));
  }

  /** The cookie a client sent back; a 400 when it was not sealed by this server or was altered. */
  async open(sealed: string): Promise<ActionCookie> {
    const cookie = await this.box.open(sealed) as ActionCookie | undefined;
    if (!cookie?.integration?.url || !cookie.post_id || !cookie.channel_id) throw badCookie();
    return cookie;
  }
}
