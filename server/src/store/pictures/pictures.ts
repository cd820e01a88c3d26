/**
 * The picture timestamps of users and teams, written alone: a whole-profile write racing a picture upload would
 * otherwise put the old timestamp back, and every client would keep the old picture. Both also move `update_at`,
 * so clients syncing changed profiles or teams see the change.
 */
export interface PictureStore {
  /** Sets users.last_picture_update (0 = the generated default picture); false when the user does not exist. */
  setUserPictureUpdate(userId: string, pictureAt: number, updateAt: number): Promise<boolean>;
  /** Sets teams.last_team_icon_update (0 = no icon); false when the team does not exist. */
  setTeamIconUpdate(teamId: string, iconAt: number, updateAt: number): Promise<boolean>;
}
