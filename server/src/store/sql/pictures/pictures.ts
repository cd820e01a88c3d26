import type { Kysely } from 'kysely';
import type { PictureStore } from '../../pictures/pictures.js';
import type { Database } from '../schema.js';

export class SqlPictureStore implements PictureStore {
  constructor(private readonly db: Kysely<Database>) {}

  async setUserPictureUpdate(userId: string, pictureAt: number, updateAt: number): Promise<boolean> {
    const result = await this.db.updateTable('users').set({ last_picture_update: pictureAt, update_at: updateAt })
      .where('id', '=', userId).executeTakeFirst();
    return Number(result.numUpdatedRows) > 0;
  }

  async setTeamIconUpdate(teamId: string, iconAt: number, updateAt: number): Promise<boolean> {
    const result = await this.db.updateTable('teams').set({ last_team_icon_update: iconAt, update_at: updateAt })
      .where('id', '=', teamId).executeTakeFirst();
    return Number(result.numUpdatedRows) > 0;
  }
}
