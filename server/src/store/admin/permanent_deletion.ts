/**
 * Permanent deletion (system admins): every row of a channel or a team goes, in one transaction, so nothing is
 * left half-deleted. Upstream keeps nothing of them either (posts, reactions, threads, memberships, placements).
 */
export interface PermanentDeletionStore {
  /** The channel and everything in it. */
  deleteChannel(channelId: string): Promise<void>;
  /** The team, its channels (as deleteChannel) and its members' team rows and sidebar categories; the ids of the channels deleted. */
  deleteTeam(teamId: string): Promise<string[]>;
  /**
   * Moves a channel to another team: its team id changes and the sidebar placements its members had in the old
   * team's categories go (each member finds it in the new team's default category).
   */
  moveChannel(channelId: string, teamId: string, at: number): Promise<void>;
}
