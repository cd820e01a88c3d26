import { getState, setState } from '../../store/store';
import { leaveChannel } from '../../store/actions/channels';
import { navigate } from '../../router/navigate';

const LEAVE_PRIVATE = 'channel:leave-private:';

/** The modal id of the confirmation before leaving the private channel `channelId`. */
export const leavePrivateModal = (channelId: string): string => `${LEAVE_PRIVATE}${channelId}`;

/** The channel a leave-private modal id is about, or '' for any other modal. */
export const leavePrivateTarget = (modal: string): string => (modal.startsWith(LEAVE_PRIVATE) ? modal.slice(LEAVE_PRIVATE.length) : '');

/** Leaves a channel; when it is the open one, goes to the team's Town Square. */
export async function leaveAndMoveOn(channelId: string): Promise<void> {
  await leaveChannel(channelId);
  const s = getState();
  const team = s.teams[s.currentTeamId];
  if (team && s.currentChannelId === channelId) navigate(`/${team.name}/channels/town-square`);
}

/**
 * Leaving from a menu or `/leave`: a private channel asks first (nobody rejoins one uninvited), as Mattermost's web
 * app does; true when the confirmation was opened, so the caller does not leave at once.
 */
export function confirmLeaveIfPrivate(channelId: string): boolean {
  if (getState().channels[channelId]?.type !== 'P') return false;
  setState({ modal: leavePrivateModal(channelId) });
  return true;
}
