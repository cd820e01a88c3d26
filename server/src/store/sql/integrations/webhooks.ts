import type { Kysely, SelectQueryBuilder } from 'kysely';
import type { IncomingWebhookRecord, OutgoingWebhookRecord, WebhookFilter, WebhookStore } from '../../integrations/webhooks.js';
import type { Database } from '../schema.js';

type IncomingWebhooksTable = Database['incoming_webhooks'];
type OutgoingWebhooksTable = Database['outgoing_webhooks'];

type Page = { offset: number; limit: number };

export class SqlWebhookStore implements WebhookStore {
  constructor(private readonly db: Kysely<Database>) {}

  async createIncoming(hook: IncomingWebhookRecord): Promise<void> {
    await this.db.insertInto('incoming_webhooks').values(incomingRow(hook)).execute();
  }

  async getIncoming(id: string): Promise<IncomingWebhookRecord | undefined> {
    const row = await this.db.selectFrom('incoming_webhooks').selectAll().where('id', '=', id).where('delete_at', '=', 0).executeTakeFirst();
    return row && toIncoming(row);
  }

  async listIncoming(filter: WebhookFilter, page: Page): Promise<IncomingWebhookRecord[]> {
    const query = narrow(this.db.selectFrom('incoming_webhooks').selectAll(), filter, 'user_id');
    const rows = await query.orderBy('create_at').orderBy('id').offset(page.offset).limit(page.limit).execute();
    return rows.map(toIncoming);
  }

  async countIncoming(filter: WebhookFilter): Promise<number> {
    const query = narrow(this.db.selectFrom('incoming_webhooks').select((eb) => eb.fn.countAll<number | string>().as('n')), filter, 'user_id');
    return Number((await query.executeTakeFirstOrThrow()).n);
  }

  async updateIncoming(hook: IncomingWebhookRecord): Promise<void> {
    const { id, ...fields } = incomingRow(hook);
    await this.db.updateTable('incoming_webhooks').set(fields).where('id', '=', id).execute();
  }

  async deleteIncoming(id: string, at: number): Promise<void> {
    await this.db.updateTable('incoming_webhooks').set({ delete_at: at, update_at: at }).where('id', '=', id).execute();
  }

  async createOutgoing(hook: OutgoingWebhookRecord): Promise<void> {
    await this.db.insertInto('outgoing_webhooks').values(outgoingRow(hook)).execute();
  }

  async getOutgoing(id: string): Promise<OutgoingWebhookRecord | undefined> {
    const row = await this.db.selectFrom('outgoing_webhooks').selectAll().where('id', '=', id).where('delete_at', '=', 0).executeTakeFirst();
    return row && toOutgoing(row);
  }

  async listOutgoing(filter: WebhookFilter, page: Page): Promise<OutgoingWebhookRecord[]> {
    const query = narrow(this.db.selectFrom('outgoing_webhooks').selectAll(), filter, 'creator_id');
    const rows = await query.orderBy('create_at').orderBy('id').offset(page.offset).limit(page.limit).execute();
    return rows.map(toOutgoing);
  }

  async countOutgoing(filter: WebhookFilter): Promise<number> {
    const query = narrow(this.db.selectFrom('outgoing_webhooks').select((eb) => eb.fn.countAll<number | string>().as('n')), filter, 'creator_id');
    return Number((await query.executeTakeFirstOrThrow()).n);
  }

  async updateOutgoing(hook: OutgoingWebhookRecord): Promise<void> {
    const { id, ...fields } = outgoingRow(hook);
    await this.db.updateTable('outgoing_webhooks').set(fields).where('id', '=', id).execute();
  }

  async deleteOutgoing(id: string, at: number): Promise<void> {
    await this.db.updateTable('outgoing_webhooks').set({ delete_at: at, update_at: at }).where('id', '=', id).execute();
  }
}

type HookTable = 'incoming_webhooks' | 'outgoing_webhooks';

/** Live hooks only, narrowed by each field the filter gives. */
function narrow<T extends HookTable, O>(
  query: SelectQueryBuilder<Database, T, O>, filter: WebhookFilter, ownerColumn: 'user_id' | 'creator_id',
): SelectQueryBuilder<Database, T, O> {
  // The two tables share these columns; Kysely cannot see that through the union, hence the narrowed reference.
  const q = query as unknown as SelectQueryBuilder<Database, 'incoming_webhooks', O>;
  let narrowed = q.where('delete_at', '=', 0);
  if (filter.teamId !== undefined) narrowed = narrowed.where('team_id', '=', filter.teamId);
  if (filter.channelId !== undefined) narrowed = narrowed.where('channel_id', '=', filter.channelId);
  if (filter.ownerId !== undefined) narrowed = narrowed.where(ownerColumn as 'user_id', '=', filter.ownerId);
  return narrowed as unknown as SelectQueryBuilder<Database, T, O>;
}

const incomingRow = (hook: IncomingWebhookRecord): IncomingWebhooksTable => ({ ...hook, channel_locked: hook.channel_locked ? 1 : 0 });

const toIncoming = (row: IncomingWebhooksTable): IncomingWebhookRecord => ({
  ...row, create_at: Number(row.create_at), update_at: Number(row.update_at), delete_at: Number(row.delete_at),
  channel_locked: Number(row.channel_locked) === 1,
});

const outgoingRow = (hook: OutgoingWebhookRecord): OutgoingWebhooksTable => ({
  ...hook, trigger_words: JSON.stringify(hook.trigger_words), callback_urls: JSON.stringify(hook.callback_urls),
});

const toOutgoing = (row: OutgoingWebhooksTable): OutgoingWebhookRecord => ({
  ...row, create_at: Number(row.create_at), update_at: Number(row.update_at), delete_at: Number(row.delete_at),
  trigger_when: Number(row.trigger_when), trigger_words: stringArray(row.trigger_words), callback_urls: stringArray(row.callback_urls),
});

function stringArray(text: string): string[] {
  const parsed: unknown = JSON.parse(text);
  return Array.isArray(parsed) ? parsed.filter((v): v is string => typeof v === 'string') : [];
}
