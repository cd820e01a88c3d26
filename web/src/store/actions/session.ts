import type { PreferenceType } from '@mattermost/types/preferences';
import type { Team } from '@mattermost/types/teams';
import type { UserProfile } from '@mattermost/types/users';
import { client, isLoggedInCookie, MFA_REQUIRED, serverError, whenMfaRequired, whenSessionExpires } from '../../api/client';
import { navigate } from '../../router/navigate';
import { getState, initialState, setState } from '../store';
import { loadTeamChannels } from './channels';
import { clearSavedDrafts } from '../drafts';
import { connectSocket, disconnectSocket, socketOpened } from '../../realtime/socket';
import { receivedPrefs } from './prefs';
import { loadStatuses, receivedUsers } from './users';

/** The client config (format=old); also reread after an admin changes the server's settings. */
export async function loadConfig(): Promise<void> {
  const config = (await client.getClientConfig()) as unknown as Record<string, string>;
  setState({ config });
}

/** The server ended the session: back to the login page, which says why; drafts stay for the next login. */
function sessionEnded(): void {
  if (!getState().me) return;
  disconnectSocket();
  const { config } = getState();
  setState({ ...initialState, config, booted: true, sessionExpired: true, path: '/login' });
  window.history.replaceState(null, '', '/login');
}

/** Pages a user may be on while the server still wants MFA set up. */
const MFA_PAGES = ['/mfa/setup', '/mfa/confirm'];

/** A call was refused until MFA is set up: the full-page setup takes over (the setup calls themselves are allowed). */
function mfaRequired(): void {
  if (!MFA_PAGES.includes(getState().path)) navigate('/mfa/setup', { replace: true });
}

/** Start: config, then (when the session cookie says we are logged in) me, preferences and teams. */
export async function boot(): Promise<void> {
  whenSessionExpires(sessionEnded);
  whenMfaRequired(mfaRequired);
  try {
    await loadConfig();
  } catch {
    setState({ config: {} });
  }
  if (isLoggedInCookie()) {
    try {
      await loadMe();
    } catch {
      setState({ me: null });
    }
  }
  setState({ booted: true });
}

/** How long loading channels waits for the event stream; a socket slower than this resyncs when it opens. */
const SOCKET_WAIT_MS = 3000;

export async function loadMe(): Promise<void> {
  let loaded;
  try {
    loaded = await Promise.all([client.getMe(), client.getMyPreferences(), client.getMyTeams(), client.getMyTeamMembers()]);
  } catch (err) {
    if (serverError(err).id !== MFA_REQUIRED) throw err;
    // Only GET /users/me is answered until MFA is set up: signed in, but on the setup page (no teams, no socket).
    const me = await client.getMe();
    receivedUsers([me]);
    mfaRequired();
    setState({ me, sessionExpired: false });
    return;
  }
  const [me, prefs, teams, teamMembers] = loaded;
  receivedUsers([me]);
  // Client4 types this as one preference; the endpoint returns the list.
  receivedPrefs(prefs as unknown as PreferenceType[]);
  setState({ me });
  receivedTeams(teams, teamMembers.filter((m) => m.delete_at === 0).map((m) => m.team_id));
  // Open the event stream before loading channels and posts: nothing posted in between is missed.
  connectSocket();
  await socketOpened(SOCKET_WAIT_MS);
  await Promise.all(getState().myTeamIds.map((id) => loadTeamChannels(id)));
  void loadStatuses([me.id]);
}

export function receivedTeams(teams: Team[], myTeamIds?: string[]): void {
  setState((s) => {
    const next = { ...s.teams };
    for (const t of teams) next[t.id] = t;
    const mine = myTeamIds ?? s.myTeamIds;
    const ordered = mine.filter((id) => next[id]).sort((a, b) => next[a].display_name.localeCompare(next[b].display_name));
    return { teams: next, myTeamIds: ordered };
  });
}

export async function login(loginId: string, password: string, mfaToken = ''): Promise<void> {
  // `me` is set by loadMe once teams are known too, so the first route after login is the right one.
  await client.login(loginId, password, mfaToken);
  setState({ sessionExpired: false });
  await loadMe();
}

/** Sign-up then log in (the first account on a server becomes its admin). */
export async function signup(email: string, username: string, password: string, inviteId = ''): Promise<void> {
  await client.createUser({ email, username, password } as UserProfile, '', inviteId);
  await login(username, password);
  if (inviteId) await acceptInvite(inviteId);
}

/** Joins the team of an invite link (/signup_user_complete/?id=…) unless already in it. */
export async function acceptInvite(inviteId: string): Promise<void> {
  try {
    const info = await client.getTeamInviteInfo(inviteId);
    if (getState().myTeamIds.includes(info.id)) return;
  } catch {
    // Unknown invite: joining below reports the error.
  }
  await joinTeamByInvite(inviteId);
}

export async function logout(): Promise<void> {
  const me = getState().me;
  if (me) clearSavedDrafts(me.id);
  disconnectSocket();
  try {
    await client.logout();
  } finally {
    const { config } = getState();
    setState({ ...initialState, config, booted: true, path: '/login' });
    window.history.replaceState(null, '', '/login');
  }
}

export async function createTeam(displayName: string, name: string): Promise<Team> {
  const team = await client.createTeam({ display_name: displayName, name, type: 'O' } as Team);
  receivedTeams([team], [...getState().myTeamIds, team.id]);
  await loadTeamChannels(team.id);
  return team;
}

export async function joinTeam(team: Team): Promise<void> {
  const me = getState().me;
  if (!me) return;
  await client.addToTeam(team.id, me.id);
  receivedTeams([team], [...getState().myTeamIds, team.id]);
  await loadTeamChannels(team.id);
}

export async function joinTeamByInvite(inviteId: string): Promise<Team> {
  const member = await client.joinTeam(inviteId);
  const team = await client.getTeam(member.team_id);
  receivedTeams([team], [...getState().myTeamIds.filter((id) => id !== team.id), team.id]);
  await loadTeamChannels(team.id);
  return team;
}

export async function listJoinableTeams(): Promise<Team[]> {
  const teams = (await client.getTeams(0, 200)) as Team[];
  const mine = new Set(getState().myTeamIds);
  return teams.filter((t) => !mine.has(t.id) && t.delete_at === 0);
}
