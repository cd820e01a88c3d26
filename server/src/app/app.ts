import { AuditService } from './admin/audit.js';
import { ConfigService } from './admin/config.js';
import { AtRestKey } from './admin/at_rest_key.js';
import { generatedSettingsSaver } from './admin/generated_settings.js';
import { AnalyticsService } from './admin/analytics.js';
import { ChannelAdminService } from './admin/channel_admin.js';
import { LicenseService } from './admin/license.js';
import { PluginService } from './admin/plugins.js';
import { RecentLogLines } from './admin/log_lines.js';
import { ServerLogService } from './admin/server_logs.js';
import { TeamAdminService } from './admin/team_admin.js';
import { UserStatsService } from './admin/user_stats.js';
import { UserReportService } from './admin/user_reports.js';
import { ChannelModerationService } from './admin/channel_moderation.js';
import { RoleRegistry } from './admin/role_registry.js';
import { RoleService } from './admin/roles.js';
import { SchemeService } from './admin/schemes.js';
import { CategoryService } from './categories.js';
import { ChannelMemberService } from './channel_members.js';
import { ChannelService } from './channels.js';
import { postListSlots } from './concurrency_limit.js';
import { DirectChannelService } from './direct_channels.js';
import type { AppDeps } from './deps.js';
import { EmailService } from './email/email_service.js';
import { EmailVerificationService } from './email/email_verification.js';
import { PasswordResetService } from './email/password_reset.js';
import { TeamInvitationService } from './email/team_invitations.js';
import { CustomEmojiService } from './emoji/custom_emoji.js';
import { IntegrationPosts } from './integrations/integration_posts.js';
import { TriggerIds } from './integrations/trigger_ids.js';
import { Webhooks } from './integrations/webhooks/webhooks.js';
import { SlashCommands } from './integrations/commands/slash_commands.js';
import { ActionCookies } from './integrations/actions/action_cookies.js';
import { InteractiveDialogs } from './integrations/actions/dialogs.js';
import { PostActions } from './integrations/actions/post_actions.js';
import { FileStorage } from './files/file_storage.js';
import { FileService } from './files/files.js';
import { FileSearchService } from './files/file_search.js';
import { ImageProxyService } from './link_previews/image_proxy.js';
import { LinkPreviewService } from './link_previews/link_previews.js';
import { MembershipCache } from './membership_cache.js';
import { ChannelMentionPolicy } from './notifications/channel_mentions.js';
import { NotificationService } from './notifications/notification_service.js';
import { PostReminderService } from './posts/reminders.js';
import { PostingContexts } from './posting_context.js';
import { Permissions } from './permissions.js';
import { TeamMemberships } from './team_memberships.js';
import { PreferenceService } from './preferences.js';
import { PresenceService } from './presence.js';
import { PostListService } from './post_lists.js';
import { PostService } from './posts.js';
import { ProfilePictureService } from './pictures/profile_pictures.js';
import { TeamIconService } from './pictures/team_icons.js';
import { ReactionService } from './reactions.js';
import { ScheduledPostService } from './scheduled_posts.js';
import { PostSearchService } from './search/post_search.js';
import { ThreadService } from './threads.js';
import { UnreadService } from './unreads.js';
import { SessionService } from './sessions.js';
import { OAuthProvider } from './integrations/oauth/oauth_provider.js';
import { StatusService } from './statuses.js';
import { TeamService } from './teams.js';
import { UserService } from './users.js';
import { AccessTokenService } from './integrations/access_tokens.js';
import { BotService } from './integrations/bots.js';
import { ExternalAccounts } from './identity/external_accounts.js';
import { SignInService } from './identity/sign_in.js';
import { LdapService } from './identity/ldap/ldap_service.js';
import { MfaService } from './identity/mfa/mfa_service.js';
import { AuthSwitch } from './identity/auth_switch.js';
import { SingleSignOn } from './identity/sso/single_sign_on.js';
import { SamlService } from './identity/saml/saml_service.js';
import { SealedBox } from './admin/sealed_box.js';

/** The domain: one service per concept, wired together once. Knows nothing about HTTP. */
export class App {
  readonly roleRegistry: RoleRegistry;
  readonly permissions: Permissions;
  readonly roles: RoleService;
  readonly schemes: SchemeService;
  readonly channelModeration: ChannelModerationService;
  readonly sessions: SessionService;
  /** OAuth 2.0 provider: client apps, authorization and tokens. */
  readonly oauth: OAuthProvider;
  readonly users: UserService;
  /** Password sign-in (Parley's or the directory's), the second factor, sessions for identity providers' sign-ins. */
  readonly signIn: SignInService;
  readonly statuses: StatusService;
  readonly membership: MembershipCache;
  readonly presence: PresenceService;
  readonly teams: TeamService;
  readonly channels: ChannelService;
  readonly channelMembers: ChannelMemberService;
  readonly directChannels: DirectChannelService;
  readonly categories: CategoryService;
  readonly preferences: PreferenceService;
  readonly threads: ThreadService;
  readonly posts: PostService;
  readonly linkPreviews: LinkPreviewService;
  readonly imageProxy: ImageProxyService;
  readonly postLists: PostListService;
  readonly postSearch: PostSearchService;
  readonly reactions: ReactionService;
  readonly unreads: UnreadService;
  readonly analytics: AnalyticsService;
  readonly serverLogs: ServerLogService;
  readonly license: LicenseService;
  readonly plugins: PluginService;
  readonly userStats: UserStatsService;
  readonly userReports: UserReportService;
  readonly scheduledPosts: ScheduledPostService;
  readonly channelAdmin: ChannelAdminService;
  readonly teamAdmin: TeamAdminService;
  /** The audit log: other services and the edge record security-relevant actions through it. */
  readonly audit: AuditService;
  readonly configuration: ConfigService;
  readonly email: EmailService;
  /** Password reset links by email. */
  readonly passwordReset: PasswordResetService;
  /** Email address verification links. */
  readonly emailVerification: EmailVerificationService;
  /** Team invitations by email, and sign-up with them. */
  readonly teamInvitations: TeamInvitationService;
  /** Where uploaded bytes go (FileSettings): files, pictures, emoji. */
  readonly fileStorage: FileStorage;
  /** Uploads, downloads, previews and public links of post attachments. */
  readonly files: FileService;
  readonly fileSearch: FileSearchService;
  readonly profilePictures: ProfilePictureService;
  readonly teamIcons: TeamIconService;
  readonly customEmoji: CustomEmojiService;
  /** Email and push notifications, and the background job queue they run on. */
  readonly notifications: NotificationService;
  /** "Remind me about this message": reminders sent by the system bot at their time. */
  readonly postReminders: PostReminderService;
  /** Bot accounts. */
  readonly bots: BotService;
  /** Personal access tokens, which authenticate like sessions. */
  readonly accessTokens: AccessTokenService;
  /** SqlSettings.AtRestEncryptKey, generated on first need: signs trigger ids and message action cookies. */
  readonly atRestKey: AtRestKey;
  /** Posts and ephemeral messages made by integrations (webhooks, commands, actions). */
  readonly integrationPosts: IntegrationPosts;
  /** Trigger ids integrations get to open dialogs. */
  readonly triggerIds: TriggerIds;
  /** Incoming and outgoing webhooks. */
  readonly webhooks: Webhooks;
  /** Slash commands: built-ins, custom commands, autocomplete, response URLs. */
  readonly slashCommands: SlashCommands;
  /** Message actions (buttons and menus of integration posts) and the dialogs integrations open. */
  readonly postActions: PostActions;
  readonly dialogs: InteractiveDialogs;
  /** Accounts of people who sign in through a directory or an identity provider (LDAP, SAML, OpenID Connect). */
  readonly externalAccounts: ExternalAccounts;
  /** AD/LDAP: sign-in through the directory, its sync job, the console's connection tests. */
  readonly ldap: LdapService;
  /** TOTP multi-factor authentication, and its enforcement. */
  readonly mfa: MfaService;
  /** Moving accounts between sign-in methods. */
  readonly authSwitch: AuthSwitch;
  /** Sign-in through OAuth 2.0 / OpenID Connect providers (GitLab, Google, Office 365, OpenID). */
  readonly sso: SingleSignOn;
  /** SAML 2.0 single sign-on, its metadata and certificate files. */
  readonly saml: SamlService;

  constructor(readonly deps: AppDeps) {
    this.roleRegistry = new RoleRegistry(deps);
    this.permissions = new Permissions(deps.store, this.roleRegistry, new TeamMemberships(deps.store, deps.bus));
    this.roles = new RoleService(deps, this.permissions, this.roleRegistry);
    this.schemes = new SchemeService(deps, this.permissions, this.roleRegistry, this.roles);
    this.channelModeration = new ChannelModerationService(deps, this.permissions, this.roleRegistry, this.roles, this.schemes);
    this.sessions = new SessionService(deps);
    this.oauth = new OAuthProvider(deps, this.permissions, this.sessions);
    this.audit = new AuditService(deps, this.permissions);
    this.configuration = new ConfigService(deps, this.permissions, this.audit);
    this.email = new EmailService(deps, this.permissions);
    this.users = new UserService(deps, this.sessions, this.permissions);
    this.signIn = new SignInService(deps, this.sessions, this.audit);
    this.passwordReset = new PasswordResetService(deps, this.users, this.audit);
    this.externalAccounts = new ExternalAccounts(deps, this.users, this.signIn, this.audit);
    this.mfa = new MfaService(deps, this.permissions, this.users);
    this.signIn.setSecondFactor(this.mfa);
    this.authSwitch = new AuthSwitch(deps, this.permissions, this.users, this.signIn, this.sessions);
    this.bots = new BotService(deps, this.permissions, this.users);
    this.users.setActiveHook((user, active) => this.bots.onActiveChanged(user, active));
    this.accessTokens = new AccessTokenService(deps, this.permissions, this.users, this.bots);
    this.sessions.setTokenSessions(this.accessTokens);
    this.statuses = new StatusService(deps);
    this.membership = new MembershipCache(deps);
    this.presence = new PresenceService(deps, this.statuses, this.membership);
    this.teams = new TeamService(deps, this.permissions);
    this.emailVerification = new EmailVerificationService(deps, this.users, this.audit);
    this.teamInvitations = new TeamInvitationService(deps, this.permissions, this.users, this.teams);
    this.users.setAccountHooks({
      onCreated: (user) => this.emailVerification.onAddressToVerify(user),
      onEmailChanged: (user) => this.emailVerification.onAddressToVerify(user),
    });
    this.channelMembers = new ChannelMemberService(deps, this.permissions, this.membership);
    this.channels = new ChannelService(deps, this.permissions, this.channelMembers);
    this.directChannels = new DirectChannelService(deps, this.permissions);
    this.categories = new CategoryService(deps, this.permissions, this.channelMembers);
    this.preferences = new PreferenceService(deps, this.permissions, this.categories);
    const listSlots = postListSlots(deps.store.dialect);
    this.threads = new ThreadService(deps, this.permissions, listSlots);
    this.posts = new PostService(deps, this.permissions, this.threads, new PostingContexts(deps));
    this.postLists = new PostListService(deps, this.permissions, listSlots);
    this.postSearch = new PostSearchService(deps, this.permissions);
    this.reactions = new ReactionService(deps, this.permissions);
    this.unreads = new UnreadService(deps, this.permissions);
    this.analytics = new AnalyticsService(deps, this.permissions);
    this.serverLogs = new ServerLogService(deps, this.permissions, deps.recentLogLines ?? new RecentLogLines());
    this.license = new LicenseService(this.permissions);
    this.plugins = new PluginService(this.permissions);
    this.userStats = new UserStatsService(deps, this.permissions);
    this.userReports = new UserReportService(deps, this.permissions);
    this.scheduledPosts = new ScheduledPostService(this.permissions);
    this.channelAdmin = new ChannelAdminService(deps, this.permissions, this.channelMembers);
    this.teamAdmin = new TeamAdminService(deps, this.permissions);
    this.fileStorage = new FileStorage(deps);
    const saveGenerated = generatedSettingsSaver(this.configuration);
    this.files = new FileService(deps, this.permissions, this.fileStorage, (salt) => saveGenerated({ FileSettings: { PublicLinkSalt: salt } }));
    this.atRestKey = new AtRestKey(deps, saveGenerated);
    this.fileSearch = new FileSearchService(deps, this.permissions);
    this.profilePictures = new ProfilePictureService(deps, this.permissions, this.users, this.fileStorage);
    this.teamIcons = new TeamIconService(deps, this.permissions, this.teams, this.fileStorage);
    this.customEmoji = new CustomEmojiService(deps, this.permissions, this.fileStorage);
    this.channels.setSystemPoster(this.posts);
    this.linkPreviews = new LinkPreviewService(deps);
    this.imageProxy = new ImageProxyService(deps);
    this.posts.setLinkHook(this.linkPreviews);
    const channelMentions = new ChannelMentionPolicy(deps, this.membership);
    this.posts.setChannelMentionPolicy(channelMentions);
    this.notifications = new NotificationService(deps, this.permissions, channelMentions);
    this.posts.observePosts(this.notifications);
    this.ldap = new LdapService(deps, this.permissions, this.users, this.externalAccounts, this.notifications.jobs);
    this.postReminders = new PostReminderService(deps, this.posts, this.directChannels, this.bots, this.notifications.jobs);
    this.signIn.setDirectoryLogin(this.ldap.login);
    const actionCookies = new ActionCookies(this.atRestKey);
    this.sso = new SingleSignOn(deps, this.permissions, this.externalAccounts, new SealedBox(this.atRestKey, 'sso-state'));
    this.saml = new SamlService(deps, this.permissions, this.configuration, this.externalAccounts, this.atRestKey);
    this.integrationPosts = new IntegrationPosts(deps, this.posts, actionCookies);
    this.triggerIds = new TriggerIds(this.atRestKey);
    this.webhooks = new Webhooks(deps, this.permissions, this.directChannels, this.integrationPosts);
    this.posts.observePosts(this.webhooks.triggers);
    this.slashCommands = new SlashCommands(this);
    this.postActions = new PostActions(deps, this.permissions, this.posts, this.triggerIds, actionCookies);
    this.dialogs = new InteractiveDialogs(deps, this.permissions, this.triggerIds);
    this.channelMembers.setViewHook((userId, channelIds, wereUnread) => this.notifications.channelsViewed(userId, channelIds, wereUnread));
    this.users.setRoleLookup((name) => this.roleRegistry.role(name) !== undefined);
    this.teams.setMembershipHooks({
      onJoined: (teamId, userId) => this.channels.onTeamJoined(teamId, userId),
      onLeft: async (teamId, userId) => {
        await this.channels.onTeamLeft(teamId, userId);
        await this.categories.onTeamLeft(teamId, userId);
      },
    });
  }

  /** True when the database answers. */
  async healthy(): Promise<boolean> {
    return this.deps.store.ping().then(() => true, () => false);
  }

  get config(): AppDeps['config'] {
    return this.deps.config;
  }
}
