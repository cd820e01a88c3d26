import type { Kysely, Selectable } from 'kysely';
import type { CommandRecord, CommandStore, CommandWebhookRecord } from '../../integrations/commands.js';
import type { Database } from '../schema.js';

type CommandsTable = Database['commands'];

export class SqlCommandStore implements CommandStore {
  constructor(private readonly db: Kysely<Database>) {}

  async create(command: CommandRecord): Promise<void> {
    await this.db.insertInto('commands').values(toRow(command)).execute();
  }

  async get(id: string): Promise<CommandRecord | undefined> {
    const row = await this.db.selectFrom('commands').selectAll().where('id', '=', id).where('delete_at', '=', 0).executeTakeFirst();
    return row && toCommand(row);
  }

  async listByTeam(teamId: string): Promise<CommandRecord[]> {
    const rows = await this.db.selectFrom('commands').selectAll().where('team_id', '=', teamId).where('delete_at', '=', 0)
      .orderBy('create_at').orderBy('id').execute();
    return rows.map(toCommand);
  }

  async getByTrigger(teamId: string, trigger: string): Promise<CommandRecord | undefined> {
    const row = await this.db.selectFrom('commands').selectAll().where('team_id', '=', teamId).where('trigger', '=', trigger)
      .where('delete_at', '=', 0).orderBy('create_at').executeTakeFirst();
    return row && toCommand(row);
  }

  async update(command: CommandRecord): Promise<void> {
    const { id, ...fields } = toRow(command);
    await this.db.updateTable('commands').set(fields).where('id', '=', id).execute();
  }

  async remove(id: string, deleteAt: number): Promise<void> {
    await this.db.updateTable('commands').set({ delete_at: deleteAt, update_at: deleteAt }).where('id', '=', id).execute();
  }

  async createWebhook(hook: CommandWebhookRecord): Promise<void> {
    await this.db.insertInto('command_webhooks').values(hook).execute();
  }

  async getWebhook(id: string, createdAfter: number): Promise<CommandWebhookRecord | undefined> {
    const row = await this.db.selectFrom('command_webhooks').selectAll().where('id', '=', id).where('create_at', '>', createdAfter).executeTakeFirst();
    return row && { ...row, create_at: Number(row.create_at), use_count: Number(row.use_count) };
  }

  async useWebhook(id: string, maxUses: number): Promise<boolean> {
    const result = await this.db.updateTable('command_webhooks').set((eb) => ({ use_count: eb('use_count', '+', 1) }))
      .where('id', '=', id).where('use_count', '<', maxUses).executeTakeFirst();
    return Number(result.numUpdatedRows) > 0;
  }

  async removeWebhooksBefore(createdBefore: number): Promise<void> {
    await this.db.deleteFrom('command_webhooks').where('create_at', '<', createdBefore).execute();
  }
}

function toRow(command: CommandRecord): CommandsTable {
  return { ...command, auto_complete: command.auto_complete ? 1 : 0 };
}

function toCommand(row: Selectable<CommandsTable>): CommandRecord {
  return {
    ...row, create_at: Number(row.create_at), update_at: Number(row.update_at), delete_at: Number(row.delete_at),
    method: row.method === 'G' ? 'G' : 'P', auto_complete: Boolean(Number(row.auto_complete)),
  };
}
