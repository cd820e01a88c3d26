import { DeliveryError } from '../../email/mailer.js';
import { AppError, notFound } from '../../model/errors.js';
import type { Team, UserRecord } from '../../model/types.js';
import { isSystemAdmin, type Actor } from '../actor.js';
import type { AppDeps } from '../deps.js';
import type { Permissions } from '../permissions.js';
import { KeyedTokenBuckets } from '../keyed_token_buckets.js';
import type { TeamService } from '../teams.js';
import { isEmailAddress, type SignupInput, type UserService } from '../users.js';
import { isLinkTokenShape, linkMailRoute, newLinkToken, renderLinkMessage, storedToken, tokenExtra, type LinkMailRoute } from './link_mail.js';

/** The token type of an email invitation (Mattermost's TokenTypeTeamInvitation). */
export const TEAM_INVITATION = 'team_invitation';

/** How long an invitation works (Mattermost's InvitationExpiryTime). */
export const TEAM_INVITATION_EXPIRY_MS = 48 * 60 * 60 * 1000;

/** Invitation emails one user may send in a burst, and per hour after it. */
const INVITES_PER_HOUR = 20;

/** What one address of an invitation came to: no error, or why it was not sent. */
export interface InviteOutcome {
  email: string;
  error?: AppError;
}

const invalidEmails = (addresses: string[]): AppError => new AppError('api.team.invite_members.invalid_email.app_error',
  `The following email addresses do not belong to an accepted domain or are not valid: ${addresses.join(', ')}.`, 400);

const linkInvalid = (): AppError =>
  new AppError('api.user.create_user.signup_link_invalid.app_error', 'The signup link does not appear to be valid.', 400);

const linkExpired = (): AppError =>
  new AppError('api.user.create_user.signup_link_expired.app_error', 'The signup link has expired.', 400);

/** The domains a list setting names ('a.com, b.org' or space separated), lower-cased. */
const domainList = (value: string): string[] => value.split(/[\s,]+/).map((d) => d.trim().toLowerCase().replace(/^@/, '')).filter(Boolean);

/**
 * Team invitations by email (Mattermost's /teams/{id}/invite/email): each address gets a one-time sign-up link valid
 * for 48 hours; signing up with it (POST /users?t=) creates the account even when the server is not open, verifies
 * the address when it is the one invited, and joins the team.
 */
export class TeamInvitationService {
  /** Mattermost's limit: 20 invitation emails per sender, regained over an hour. */
  private readonly quota = new KeyedTokenBuckets(INVITES_PER_HOUR, 3_600_000 / INVITES_PER_HOUR);

  constructor(
    private readonly deps: AppDeps,
    private readonly permissions: Permissions,
    private readonly users: UserService,
    private readonly teams: TeamService,
  ) {}

  /**
   * Mails an invitation to each address. Graceful: every address gets its outcome (a bad one does not stop the
   * others); otherwise any bad address refuses the whole request and nothing is sent, and, as upstream, a failed
   * delivery is only logged.
   */
  async invite(actor: Actor, teamId: string, rawEmails: readonly string[], graceful: boolean): Promise<InviteOutcome[]> {
    await this.permissions.requireTeam(actor, teamId, 'invite_user');
    await this.permissions.requireTeam(actor, teamId, 'add_user_to_team');
    const emails = [...new Set(rawEmails.map((e) => e.trim().toLowerCase()))];
    if (emails.length === 0) throw new AppError('api.team.invite_members.no_one.app_error', 'No one to invite.', 400);
    const team = await this.deps.store.teams.get(teamId);
    if (!team || team.delete_at > 0) throw notFound('team');
    const allowed = this.allowedDomains(actor, team);
    const outcomes: InviteOutcome[] = emails.map((email) => ({
      email, error: isEmailAddress(email) && domainAllowed(email, allowed) ? undefined : invalidEmails([email]),
    }));
    const bad = outcomes.filter((o) => o.error).map((o) => o.email);
    if (!graceful && bad.length > 0) throw invalidEmails(bad);
    if (this.deps.liveConfig.document.ServiceSettings.EnableEmailInvitations !== true) {
      throw new AppError('api.team.invite_members.disabled.app_error', 'Email invitations are disabled.', 501);
    }
    const route = linkMailRoute(this.deps);
    if (typeof route === 'string') {
      throw new AppError('api.team.invite_members.disabled.app_error', route === 'smtp_disabled'
        ? 'Email invitations are not available because no SMTP server is configured.'
        : 'Email invitations are not available because the site URL (ServiceSettings.SiteURL) is not set.', 501);
    }
    const good = outcomes.filter((o) => !o.error);
    if (good.length > 0 && !this.quota.take(actor.userId, good.length).allowed) {
      throw new AppError('app.email.rate_limit_exceeded.app_error', 'Invite emails rate limit exceeded. Try again later or invite fewer people at once.', 413);
    }
    const sender = await this.deps.store.users.get(actor.userId);
    for (const outcome of good) {
      const sent = await this.send(team, sender, outcome.email, route);
      if (!sent) {
        outcome.error = new AppError('api.team.invite_members.unable_to_send_email.app_error', 'Error while sending the invitation email.', 500);
      }
    }
    return outcomes;
  }

  /** Team members may restrict to their team's domains, and the server to its own; a system admin only to the team's. */
  private allowedDomains(actor: Actor, team: Team): string[][] {
    const lists = [domainList(team.allowed_domains)];
    if (!isSystemAdmin(actor)) lists.push(domainList(String(this.deps.liveConfig.document.TeamSettings.RestrictCreationToDomains ?? '')));
    return lists.filter((list) => list.length > 0);
  }

  /** Saves the token and mails the link; false when the mail could not be delivered (the token is removed again). */
  private async send(team: Team, sender: UserRecord | undefined, email: string, route: LinkMailRoute): Promise<boolean> {
    const now = Date.now();
    const token = newLinkToken();
    const stored = storedToken(token);
    await this.deps.store.tokens.removeExpired(TEAM_INVITATION, now - TEAM_INVITATION_EXPIRY_MS);
    await this.deps.store.tokens.save({ token: stored, create_at: now, type: TEAM_INVITATION, extra: JSON.stringify({ teamId: team.id, email }) });
    const data = encodeURIComponent(JSON.stringify({ display_name: team.display_name, name: team.name }));
    const link = `${route.siteUrl}/signup_user_complete/?d=${data}&t=${token}`;
    const siteName = this.deps.config.siteName;
    const inviter = senderName(sender);
    const message = renderLinkMessage({
      before: [`${inviter} invited you to join the ${team.display_name} team on ${siteName}.`],
      button: 'Join the team', link, within: 'within the next 48 hours',
      after: ['The link works once. If you do not know the sender, ignore this email.'],
    });
    try {
      await this.deps.mailer.send(route.smtp, { from: route.from, to: email, subject: `[${siteName}] ${inviter} invited you to join ${team.display_name}`, ...message });
      return true;
    } catch (err) {
      if (!(err instanceof DeliveryError)) throw err;
      this.deps.log.warn({ failure: err.failure, server: `${route.smtp.host}:${route.smtp.port}` }, 'invitation email not delivered');
      await this.deps.store.tokens.take(TEAM_INVITATION, stored);
      return false;
    }
  }

  /** Ends every pending email invitation (system admins). */
  async invalidateAll(actor: Actor): Promise<void> {
    this.permissions.requireSystem(actor, 'invalidate_email_invite');
    await this.deps.store.tokens.removeExpired(TEAM_INVITATION, Number.MAX_SAFE_INTEGER);
  }

  /**
   * Signs up with an invitation's token: the account's details are checked first (a refused username leaves the
   * link usable), then the token is taken, so of two uses one wins. The account joins the invitation's team.
   */
  async signup(input: SignupInput, token: string, actor?: Actor): Promise<UserRecord> {
    if (!isLinkTokenShape(token)) throw linkInvalid();
    let invitation: { teamId: string; email: string; restore: () => Promise<void> } | undefined;
    const take = async (): Promise<{ invitedEmail: string }> => {
      const taken = await this.deps.store.tokens.take(TEAM_INVITATION, storedToken(token));
      if (!taken) throw linkInvalid();
      if (Date.now() - taken.create_at >= TEAM_INVITATION_EXPIRY_MS) throw linkExpired();
      const extra = tokenExtra(taken.extra);
      const team = extra?.teamId ? await this.deps.store.teams.get(extra.teamId) : undefined;
      if (!extra?.email || !team || team.delete_at > 0) throw linkInvalid();
      invitation = { teamId: team.id, email: extra.email, restore: () => this.deps.store.tokens.save(taken) };
      return { invitedEmail: extra.email };
    };
    let user: UserRecord;
    try {
      user = await this.users.signup(input, actor, { invitation: take });
    } catch (err) {
      // The account was refused after the token was taken (a concurrent sign-up took the name): the link stays usable.
      if (invitation && err instanceof AppError && err.id === 'app.user.save.existing.app_error') await invitation.restore();
      throw err;
    }
    if (invitation) await this.teams.addInvitedMember(invitation.teamId, user.id);
    return user;
  }
}

/** Whether an address passes every non-empty domain list. */
function domainAllowed(email: string, lists: string[][]): boolean {
  const domain = email.slice(email.lastIndexOf('@') + 1);
  return lists.every((list) => list.includes(domain));
}

/** How the inviter is named in the mail: full name and username, or the username. */
function senderName(sender: UserRecord | undefined): string {
  if (!sender) return 'Someone';
  const full = `${sender.first_name} ${sender.last_name}`.trim();
  return full ? `${full} (@${sender.username})` : `@${sender.username}`;
}
