import type { ScheduledPost } from '@mattermost/types/schedule_post';
import type { Actor } from './actor.js';
import type { Permissions } from './permissions.js';

/** Upstream's answer: a team's scheduled posts under its id, and the direct channels' under `directChannels`. */
export type TeamScheduledPosts = Record<string, ScheduledPost[]>;

/**
 * Scheduled posts, which Parley does not offer (its client config says ScheduledPosts is off). The web app asks for
 * a team's list on every team it opens, so the list is answered, always empty, to those who may see the team.
 */
export class ScheduledPostService {
  constructor(private readonly permissions: Permissions) {}

  async teamPosts(actor: Actor, teamId: string, includeDirectChannels: boolean): Promise<TeamScheduledPosts> {
    await this.permissions.requireTeam(actor, teamId, 'view_team');
    return includeDirectChannels ? { [teamId]: [], directChannels: [] } : { [teamId]: [] };
  }
}
