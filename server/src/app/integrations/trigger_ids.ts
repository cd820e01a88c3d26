import { createHmac, timingSafeEqual } from 'node:crypto';
import { AppError } from '../../model/errors.js';
import { newId } from '../../model/id.js';
import type { AtRestKey } from '../admin/at_rest_key.js';

/** How long an integration may take to open a dialog after the click or command that gave it the trigger id. */
const TRIGGER_LIFETIME_MS = 3 * 60_000;

const invalidTrigger = (): AppError => new AppError('interactive_message.decode_trigger_id.signature_decode_failed', 'The trigger id is not valid.', 400);
const expiredTrigger = (): AppError => new AppError('interactive_message.decode_trigger_id.expired', 'The trigger id has expired: open the dialog within 3 minutes of the action.', 400);

/**
 * Trigger ids: what a slash command or a message action gives its integration so it can open a dialog for the user
 * who caused it, and only for a short while. Signed with the server's key (any node verifies them); integrations
 * treat them as opaque.
 */
export class TriggerIds {
  constructor(private readonly key: AtRestKey) {}

  async issue(userId: string): Promise<string> {
    const payload = Buffer.from(`${newId()}:${userId}:${Date.now()}`).toString('base64url');
    return `${payload}.${await this.sign(payload)}`;
  }

  /** The user a trigger id was issued for; a 400 when it is forged, altered or older than three minutes. */
  async userOf(triggerId: string): Promise<string> {
    const [payload, signature, extra] = triggerId.split('.');
    if (!payload || !signature || extra !== undefined) throw invalidTrigger();
    const expected = Buffer.from(await this.sign(payload));
    const given = Buffer.from(signature);
    if (expected.length !== given.length || !timingSafeEqual(expected, given)) throw invalidTrigger();
    const [, userId, issuedAt] = Buffer.from(payload, 'base64url').toString('utf8').split(':');
    if (!userId || !issuedAt) throw invalidTrigger();
    if (Date.now() - Number(issuedAt) > TRIGGER_LIFETIME_MS) throw expiredTrigger();
    return userId;
  }

  /**
   * The trigger's own id, without the user and signature: what the client that caused it is told, and what the
   * `open_dialog` event names, so the client knows the dialog answers its click (Mattermost's client trigger id).
   */
  clientIdOf(triggerId: string): string {
    return Buffer.from(triggerId.split('.')[0] ?? '', 'base64url').toString('utf8').split(':')[0] ?? '';
  }

  private async sign(payload: string): Promise<string> {
    return createHmac('sha256', await this.key.get()).update(`trigger:${payload}`).digest('base64url');
  }
}
