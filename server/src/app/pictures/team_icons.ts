import { AppError, notFound } from '../../model/errors.js';
import { makeEvent } from '../../model/events.js';
import type { Team } from '../../model/types.js';
import { FileNotFoundError } from '../../files/file_backend.js';
import type { Actor } from '../actor.js';
import type { AppDeps } from '../deps.js';
import type { FileStorage } from '../files/file_storage.js';
import type { Permissions } from '../permissions.js';
import type { TeamService } from '../teams.js';
import { MAX_IMAGE_PIXELS, readImageSize, squarePng } from './images.js';
import { TEAM_ICON_ERRORS } from './upload_errors.js';

/** Side of the stored icon, as Mattermost stores it. */
const ICON_SIZE = 128;

const iconPath = (teamId: string): string => `teams/${teamId}/teamIcon.png`;

const noIcon = (): AppError => new AppError('api.team.get_team_icon.read_file.app_error', 'Unable to read the team icon file.', 404);

/**
 * Team icons, stored as 128 px square PNGs. `last_team_icon_update` is the icon's version (0 = none): clients put
 * it in the icon URL, and `update_team` tells every member's client when it changes.
 */
export class TeamIconService {
  constructor(
    private readonly deps: AppDeps, private readonly permissions: Permissions,
    private readonly teams: TeamService, private readonly files: FileStorage,
  ) {}

  /** Largest upload accepted (FileSettings.MaxFileSize). */
  maxUploadBytes(): number {
    return this.deps.liveConfig.document.FileSettings.MaxFileSize;
  }

  /** Team admins (manage_team) change the icon. Checked before an upload is read too. */
  async requireManaged(actor: Actor, teamId: string): Promise<void> {
    await this.permissions.requireTeam(actor, teamId, 'manage_team');
    if (!(await this.deps.store.teams.get(teamId))) throw notFound('team');
  }

  async set(actor: Actor, teamId: string, upload: Buffer): Promise<void> {
    await this.requireManaged(actor, teamId);
    const size = await readImageSize(upload);
    if (!size) throw TEAM_ICON_ERRORS.decode();
    if (size.width * size.height > MAX_IMAGE_PIXELS) throw TEAM_ICON_ERRORS.tooManyPixels();
    const png = await squarePng(upload, ICON_SIZE).catch(() => {
      throw TEAM_ICON_ERRORS.decode();
    });
    await this.files.backend.write(iconPath(teamId), png, { contentType: 'image/png' });
    const now = Date.now();
    await this.changed(teamId, now, now);
  }

  async remove(actor: Actor, teamId: string): Promise<void> {
    await this.requireManaged(actor, teamId);
    await this.files.backend.remove(iconPath(teamId));
    await this.changed(teamId, 0, Date.now());
  }

  private async changed(teamId: string, iconAt: number, updateAt: number): Promise<void> {
    if (!(await this.deps.store.pictures.setTeamIconUpdate(teamId, iconAt, updateAt))) throw notFound('team');
    const team = await this.deps.store.teams.get(teamId);
    // Members get the team without its invite id, as every other update_team.
    if (team) this.deps.bus.publish(makeEvent('update_team', { team: JSON.stringify({ ...team, invite_id: '' }) }, { team_id: teamId }));
  }

  /** The icon's version (the ETag) and a way to read it; 404 when the team has none. Whoever may see the team may see it. */
  async icon(actor: Actor, teamId: string): Promise<{ etag: string; load(): Promise<Buffer> }> {
    const team: Team = await this.teams.get(actor, teamId);
    if (!team.last_team_icon_update) throw noIcon();
    return { etag: String(team.last_team_icon_update), load: () => this.read(teamId) };
  }

  private async read(teamId: string): Promise<Buffer> {
    try {
      return await this.files.backend.readBuffer(iconPath(teamId));
    } catch (err) {
      if (err instanceof FileNotFoundError) throw noIcon();
      throw err;
    }
  }
}
