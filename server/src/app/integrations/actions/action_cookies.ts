import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';
import { AppError } from '../../../model/errors.js';
import type { AtRestKey } from '../../admin/at_rest_key.js';
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

const NONCE_BYTES = 12;
const TAG_BYTES = 16;

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

/** Seals and opens action cookies with AES-256-GCM under a key derived from SqlSettings.AtRestEncryptKey. */
export class ActionCookies {
  constructor(private readonly atRestKey: AtRestKey) {}

  /**
   * The attachments of an ephemeral post with a cookie on every action that has an integration. The integration
   * itself stays on the action for the server's side and is stripped from the client's view (post_presenter.ts).
   */
  async addTo(attachments: StoredAttachment[], post: { id: string; root_id: string; channel_id: string; props: Record<string, unknown> }): Promise<StoredAttachment[]> {
    if (!attachments.some((a) => a.actions?.some((action) => action.integration))) return attachments;
    const key = await this.key();
    const { retain, remove } = retainedProps(post.props);
    return attachments.map((attachment) => ({
      ...attachment,
      actions: attachment.actions?.map((action) => (action.integration ? {
        ...action,
        cookie: seal(key, {
          type: action.type, post_id: post.id, root_post_id: post.root_id || post.id, channel_id: post.channel_id,
          data_source: action.data_source, integration: action.integration, retain_props: retain, remove_props: remove,
        }),
      } : action)),
    }));
  }

  /** The cookie a client sent back; a 400 when it was not sealed by this server or was altered. */
  async open(sealed: string): Promise<ActionCookie> {
    const bytes = Buffer.from(sealed, 'base64');
    if (bytes.length <= NONCE_BYTES + TAG_BYTES) throw badCookie();
    const decipher = createDecipheriv('aes-256-gcm', await this.key(), bytes.subarray(0, NONCE_BYTES));
    decipher.setAuthTag(bytes.subarray(bytes.length - TAG_BYTES));
    let plain: string;
    try {
      plain = Buffer.concat([decipher.update(bytes.subarray(NONCE_BYTES, bytes.length - TAG_BYTES)), decipher.final()]).toString('utf8');
    } catch {
      throw badCookie();
    }
    const cookie = JSON.parse(plain) as ActionCookie;
    if (!cookie.integration?.url || !cookie.post_id || !cookie.channel_id) throw badCookie();
    return cookie;
  }

  /** A key of its own for cookies, so nothing sealed here can be mistaken for another use of the server's secret. */
  private async key(): Promise<Buffer> {
    return createHash('sha256').update(`action-cookie:${await this.atRestKey.get()}`).digest();
  }
}

function seal(key: Buffer, cookie: ActionCookie): string {
  const nonce = randomBytes(NONCE_BYTES);
  const cipher = createCipheriv('aes-256-gcm', key, nonce);
  const sealed = Buffer.concat([cipher.update(JSON.stringify(cookie), 'utf8'), cipher.final()]);
  return Buffer.concat([nonce, sealed, cipher.getAuthTag()]).toString('base64');
}
