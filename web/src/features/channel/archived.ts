import type { ServerChannel } from '@mattermost/types/channels';
import { client } from '../../api/client';
import { getState } from '../../store/store';
import { receivedChannels } from '../../store/actions/channels';
import { navigate } from '../../router/navigate';

/**
 * Whether archived channels may be browsed and read: TeamSettings.ExperimentalViewArchivedChannels from the client
 * config. Mattermost servers that no longer send it always allow it, so only an explicit 'false' turns it off.
 */
export const archivedViewable = (config: Record<string, string>): boolean => config.ExperimentalViewArchivedChannels !== 'false';

/** An archived channel the user may not read any more is left for the team's Town Square. */
export function leaveIfUnviewable(channel: Pick<ServerChannel, 'id' | 'delete_at'>): void {
  const s = getState();
  if (channel.delete_at === 0 || archivedViewable(s.config) || s.currentChannelId !== channel.id) return;
  const team = s.teams[s.currentTeamId];
  if (team) navigate(`/${team.name}/channels/town-square`, { replace: true });
}

/** Unarchives a channel (the server asks for manage_team); it is writable again at once. */
export async function unarchiveChannel(channelId: string): Promise<void> {
  receivedChannels([await client.unarchiveChannel(channelId)]);
}
