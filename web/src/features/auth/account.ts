import type { UserProfile } from '@mattermost/types/users';
import { client, serverError } from '../../api/client';
import { navigate } from '../../router/navigate';
import { acceptInvite, login } from '../../store/actions/session';

/** The server's answer to signing in with an address that is not verified yet (RequireEmailVerification). */
export const NOT_VERIFIED = 'api.user.login.not_verified.app_error';

/** The page that asks to check the mailbox (Mattermost's /should_verify_email?email=…). */
export const checkEmailPath = (email: string): string => `/should_verify_email?email=${encodeURIComponent(email)}`;

/** What a sign-up link says: an email invitation's token (t) and its team (d), or a team's invite id (id). */
export interface SignupLink {
  token: string;
  inviteId: string;
  /** The invited team's display name and name, from d (only for showing: the token decides the team). */
  team?: { displayName: string; name: string };
}

/** Reads the sign-up link's query: /signup_user_complete/?d={"display_name","name"}&t=… or ?id=… */
export function signupLinkFromUrl(search = window.location.search): SignupLink {
  const query = new URLSearchParams(search);
  const link: SignupLink = { token: query.get('t') ?? '', inviteId: query.get('id') ?? '' };
  try {
    const data: unknown = JSON.parse(query.get('d') ?? '');
    if (data && typeof data === 'object') {
      const { display_name: displayName, name } = data as Record<string, unknown>;
      if (typeof displayName === 'string' && displayName) link.team = { displayName, name: typeof name === 'string' ? name : '' };
    }
  } catch {
    // No team named, or not JSON: the page just does not say which team.
  }
  return link;
}

/**
 * Creates the account (with the link's invitation, if any) and signs in; when the server wants the address
 * verified first, goes to the check-your-email page instead. An invited account lands in its team.
 */
export async function signUpAndSignIn(account: { email: string; username: string; password: string }, link: SignupLink): Promise<void> {
  await client.createUser(account as UserProfile, link.token, link.token ? '' : link.inviteId);
  try {
    await login(account.username, account.password);
  } catch (err) {
    if (serverError(err).id === NOT_VERIFIED) {
      navigate(checkEmailPath(account.email));
      return;
    }
    throw err;
  }
  if (link.inviteId && !link.token) await acceptInvite(link.inviteId);
  if (link.token && link.team?.name) navigate(`/${link.team.name}`, { replace: true });
}
