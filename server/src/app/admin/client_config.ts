import type { ConfigDocument } from '../../config/document/compose.js';
import { getPath, type JsonObject } from '../../config/document/paths.js';
import type { Config } from '../../config/schema.js';
import { emailLinksUnavailable, resetLinkUnavailable } from '../email/reset_availability.js';
import { imageProxyEnabled } from '../link_previews/image_proxy_setting.js';
import { notificationSettingsOf } from '../notifications/notification_settings.js';
import { BUILD_NUMBER, MATTERMOST_API_VERSION } from '../../model/version.js';

/** Client config keys read straight from the document (Mattermost's names on both sides). */
const FROM_DOCUMENT: Record<string, string> = {
  AboutLink: 'SupportSettings.AboutLink', HelpLink: 'SupportSettings.HelpLink', PrivacyPolicyLink: 'SupportSettings.PrivacyPolicyLink',
  TermsOfServiceLink: 'SupportSettings.TermsOfServiceLink', SupportEmail: 'SupportSettings.SupportEmail',
  ReportAProblemLink: 'SupportSettings.ReportAProblemLink', ReportAProblemType: 'SupportSettings.ReportAProblemType',
  ReportAProblemMail: 'SupportSettings.ReportAProblemMail', ForgotPasswordLink: 'SupportSettings.ForgotPasswordLink',
  AllowDownloadLogs: 'SupportSettings.AllowDownloadLogs', EnableAskCommunityLink: 'SupportSettings.EnableAskCommunityLink',
  EnableBanner: 'AnnouncementSettings.EnableBanner', BannerText: 'AnnouncementSettings.BannerText',
  BannerColor: 'AnnouncementSettings.BannerColor', BannerTextColor: 'AnnouncementSettings.BannerTextColor',
  AllowBannerDismissal: 'AnnouncementSettings.AllowBannerDismissal',
  AvailableLocales: 'LocalizationSettings.AvailableLocales', DefaultClientLocale: 'LocalizationSettings.DefaultClientLocale',
  EnableExperimentalLocales: 'LocalizationSettings.EnableExperimentalLocales',
  PasswordMinimumLength: 'PasswordSettings.MinimumLength', PasswordRequireLowercase: 'PasswordSettings.Lowercase',
  PasswordRequireUppercase: 'PasswordSettings.Uppercase', PasswordRequireNumber: 'PasswordSettings.Number',
  PasswordRequireSymbol: 'PasswordSettings.Symbol',
  EnableSignInWithEmail: 'EmailSettings.EnableSignInWithEmail', EnableSignInWithUsername: 'EmailSettings.EnableSignInWithUsername',
  EmailLoginButtonColor: 'EmailSettings.LoginButtonColor', EmailLoginButtonBorderColor: 'EmailSettings.LoginButtonBorderColor',
  EmailLoginButtonTextColor: 'EmailSettings.LoginButtonTextColor',
  RestrictDirectMessage: 'TeamSettings.RestrictDirectMessage', TeammateNameDisplay: 'TeamSettings.TeammateNameDisplay',
  LockTeammateNameDisplay: 'TeamSettings.LockTeammateNameDisplay', ExperimentalPrimaryTeam: 'TeamSettings.ExperimentalPrimaryTeam',
  EnableJoinLeaveMessageByDefault: 'TeamSettings.EnableJoinLeaveMessageByDefault', EnableUserDeactivation: 'TeamSettings.EnableUserDeactivation',
  EnableConfirmNotificationsToChannel: 'TeamSettings.EnableConfirmNotificationsToChannel',
  MaxNotificationsPerChannel: 'TeamSettings.MaxNotificationsPerChannel', CustomDescriptionText: 'TeamSettings.CustomDescriptionText',
  EnableLastActiveTime: 'TeamSettings.EnableLastActiveTime', CollapsedThreads: 'ServiceSettings.CollapsedThreads',
  PostEditTimeLimit: 'ServiceSettings.PostEditTimeLimit', MinimumHashtagLength: 'ServiceSettings.MinimumHashtagLength',
  EnableUserTypingMessages: 'ServiceSettings.EnableUserTypingMessages',
  TimeBetweenUserTypingUpdatesMilliseconds: 'ServiceSettings.TimeBetweenUserTypingUpdatesMilliseconds',
  EnableChannelViewedMessages: 'ServiceSettings.EnableChannelViewedMessages', EnableEmojiPicker: 'ServiceSettings.EnableEmojiPicker',
  ExperimentalEnableDefaultChannelLeaveJoinMessages: 'ServiceSettings.ExperimentalEnableDefaultChannelLeaveJoinMessages',
  ExperimentalGroupUnreadChannels: 'ServiceSettings.ExperimentalGroupUnreadChannels', EnableTutorial: 'ServiceSettings.EnableTutorial',
  EnableOnboardingFlow: 'ServiceSettings.EnableOnboardingFlow', EnableDesktopLandingPage: 'ServiceSettings.EnableDesktopLandingPage',
  ExtendSessionLengthWithActivity: 'ServiceSettings.ExtendSessionLengthWithActivity', EnableSVGs: 'ServiceSettings.EnableSVGs',
  EnableLatex: 'ServiceSettings.EnableLatex', EnableInlineLatex: 'ServiceSettings.EnableInlineLatex',
  EnableUserStatuses: 'ServiceSettings.EnableUserStatuses', EnableTesting: 'ServiceSettings.EnableTesting',
  EnableDeveloper: 'ServiceSettings.EnableDeveloper', EnableClientPerformanceDebugging: 'ServiceSettings.EnableClientPerformanceDebugging',
  DeleteAccountLink: 'ServiceSettings.DeleteAccountLink', ManagedResourcePaths: 'ServiceSettings.ManagedResourcePaths',
  UniqueEmojiReactionLimitPerPost: 'ServiceSettings.UniqueEmojiReactionLimitPerPost', EnableCustomEmoji: 'ServiceSettings.EnableCustomEmoji',
  WebsocketPort: 'ServiceSettings.WebsocketPort', WebsocketSecurePort: 'ServiceSettings.WebsocketSecurePort',
  EnableLinkPreviews: 'ServiceSettings.EnableLinkPreviews',
  DisableRefetchingOnBrowserFocus: 'ExperimentalSettings.DisableRefetchingOnBrowserFocus',
  DisableWakeUpReconnectHandler: 'ExperimentalSettings.DisableWakeUpReconnectHandler',
  UsersStatusAndProfileFetchingPollIntervalMilliseconds: 'ExperimentalSettings.UsersStatusAndProfileFetchingPollIntervalMilliseconds',
  DelayChannelAutocomplete: 'ExperimentalSettings.DelayChannelAutocomplete', DisableAppBar: 'ExperimentalSettings.DisableAppBar',
  YoutubeReferrerPolicy: 'ExperimentalSettings.YoutubeReferrerPolicy', MaxMarkdownNodes: 'DisplaySettings.MaxMarkdownNodes',
  AppDownloadLink: 'NativeAppSettings.AppDownloadLink', AndroidAppDownloadLink: 'NativeAppSettings.AndroidAppDownloadLink',
  IosAppDownloadLink: 'NativeAppSettings.IosAppDownloadLink', SQLDriverName: 'SqlSettings.DriverName',
  DiagnosticsEnabled: 'LogSettings.EnableDiagnostics', EnableDiagnostics: 'LogSettings.EnableDiagnostics',
  EnableFileAttachments: 'FileSettings.EnableFileAttachments', EnablePublicLink: 'FileSettings.EnablePublicLink',
  EnableMobileFileDownload: 'FileSettings.EnableMobileDownload', EnableMobileFileUpload: 'FileSettings.EnableMobileUpload',
  MaxFileSize: 'FileSettings.MaxFileSize', EnableFileSearch: 'ServiceSettings.EnableFileSearch',
  EnableCrossTeamSearch: 'ServiceSettings.EnableCrossTeamSearch',
  EnableIncomingWebhooks: 'ServiceSettings.EnableIncomingWebhooks', EnableOutgoingWebhooks: 'ServiceSettings.EnableOutgoingWebhooks',
  EnableCommands: 'ServiceSettings.EnableCommands', EnableOAuthServiceProvider: 'ServiceSettings.EnableOAuthServiceProvider',
  EnablePostUsernameOverride: 'ServiceSettings.EnablePostUsernameOverride', EnablePostIconOverride: 'ServiceSettings.EnablePostIconOverride',
  EnableUserAccessTokens: 'ServiceSettings.EnableUserAccessTokens', EnableBotAccountCreation: 'ServiceSettings.EnableBotAccountCreation',
  EnableMultifactorAuthentication: 'ServiceSettings.EnableMultifactorAuthentication',
  ExperimentalEnableAuthenticationTransfer: 'ServiceSettings.ExperimentalEnableAuthenticationTransfer',
  EnableSignUpWithGitLab: 'GitLabSettings.Enable', GitLabButtonText: 'GitLabSettings.ButtonText', GitLabButtonColor: 'GitLabSettings.ButtonColor',
  EnableSignUpWithGoogle: 'GoogleSettings.Enable', EnableSignUpWithOffice365: 'Office365Settings.Enable',
  EnableSignUpWithOpenId: 'OpenIdSettings.Enable', OpenIdButtonText: 'OpenIdSettings.ButtonText', OpenIdButtonColor: 'OpenIdSettings.ButtonColor',
  EnableLdap: 'LdapSettings.Enable', LdapLoginFieldName: 'LdapSettings.LoginFieldName',
  LdapLoginButtonColor: 'LdapSettings.LoginButtonColor', LdapLoginButtonBorderColor: 'LdapSettings.LoginButtonBorderColor',
  LdapLoginButtonTextColor: 'LdapSettings.LoginButtonTextColor',
  EnableSaml: 'SamlSettings.Enable', SamlLoginButtonText: 'SamlSettings.LoginButtonText', SamlLoginButtonColor: 'SamlSettings.LoginButtonColor',
  SamlLoginButtonBorderColor: 'SamlSettings.LoginButtonBorderColor', SamlLoginButtonTextColor: 'SamlSettings.LoginButtonTextColor',
};

/** Client config keys that say whether the document names a directory or SAML attribute (Mattermost's *AttributeSet). */
const ATTRIBUTE_SET: Record<string, string> = {
  LdapNicknameAttributeSet: 'LdapSettings.NicknameAttribute', LdapFirstNameAttributeSet: 'LdapSettings.FirstNameAttribute',
  LdapLastNameAttributeSet: 'LdapSettings.LastNameAttribute', LdapPictureAttributeSet: 'LdapSettings.PictureAttribute',
  LdapPositionAttributeSet: 'LdapSettings.PositionAttribute', SamlFirstNameAttributeSet: 'SamlSettings.FirstNameAttribute',
  SamlLastNameAttributeSet: 'SamlSettings.LastNameAttribute', SamlNicknameAttributeSet: 'SamlSettings.NicknameAttribute',
  SamlPositionAttributeSet: 'SamlSettings.PositionAttribute',
};

/**
 * What Parley does, whatever the document says: features it has not built yet
 * are off (so clients do not offer them), features it always has are on.
 * The document keeps the admin's values for the day they are built.
 */
const PARLEY_FACTS: Record<string, string> = {
  EnableOutgoingOAuthConnections: 'false', EnablePermalinkPreviews: 'false',
  EnableGifPicker: 'false', EnableCustomUserStatuses: 'false', EnablePreviewModeBanner: 'false',
  EnableGuestAccounts: 'false',
  EnableGuestMagicLink: 'false', EnableCompliance: 'false', EnableComplianceExport: 'false', EnableCustomGroups: 'false',
  EnableCustomTermsOfService: 'false', EnableCustomBrand: 'false', CustomBrandText: '', EnableMarketplace: 'false',
  IsDefaultMarketplace: 'false', PluginsEnabled: 'false', AppsPluginEnabled: 'false',
  FeatureFlagExperimentalCrossTeamSearch: 'false', PostPriority: 'false', AllowPersistentNotifications: 'false',
  AllowPersistentNotificationsForGuests: 'false', AllowSyncedDrafts: 'false', ScheduledPosts: 'false', EnableBurnOnRead: 'false',
  ExperimentalSharedChannels: 'false', ExperimentalRemoteClusterService: 'false', EnableAttributeBasedAccessControl: 'false',
  EnableChannelScopeAccessControl: 'false', EnableUserManagedAttributes: 'false', ContentFlaggingEnabled: 'false',
  EnableAutoTranslation: 'false', ExperimentalEnableAutomaticReplies: 'false', DataRetentionEnableMessageDeletion: 'false',
  DataRetentionEnableFileDeletion: 'false', DataRetentionMessageRetentionHours: '0', DataRetentionFileRetentionHours: '0',
  EnableThemeSelection: 'true', AllowCustomThemes: 'true', DefaultTheme: 'default', AllowedThemes: '', EnableReliableWebSockets: 'true',
  ExperimentalEnablePostMetadata: 'true', ExperimentalTimezone: 'true',
  PostAcknowledgements: 'false', FeatureFlagCollapsedThreads: 'true', EnableClientMetrics: 'false',
  EnableNotificationMetrics: 'false', EnableFile: 'false', FileLevel: '', RunJobs: 'true', NoAccounts: 'false', TelemetryId: '',
  DiagnosticId: '', ServiceEnvironment: 'production', IsFipsEnabled: 'false', GoogleDeveloperKey: '', GiphySdkKey: '',
  WranglerMoveThreadToAnotherTeamEnable: 'false', WranglerMoveThreadFromPrivateChannelEnable: 'false',
  WranglerMoveThreadFromDirectMessageChannelEnable: 'false', WranglerMoveThreadFromGroupMessageChannelEnable: 'false',
  WranglerMoveThreadMaxCount: '0', WranglerPermittedWranglerRoles: '', WranglerAllowedEmailDomain: '', CustomUrlSchemes: '',
  HideGuestTags: 'false', IntuneMAMEnabled: 'false', MobileEnableBiometrics: 'false', MobilePreventScreenCapture: 'false',
  MobileJailbreakProtection: 'false', MobileEnableSecureFilePreview: 'false', MobileAllowPdfLinkNavigation: 'false',
  MobileExternalBrowser: 'false', CWSURL: '', CWSMock: 'false', BuildDate: '', BuildHash: 'parley', BuildHashEnterprise: '',
  BuildEnterpriseReady: 'true', Version: MATTERMOST_API_VERSION, BuildNumber: BUILD_NUMBER, EnableCluster: 'true', EnableMetrics: 'true',
};

const text = (value: unknown): string => (Array.isArray(value) ? value.join(',') : value === undefined || value === null ? '' : String(value));

/**
 * Mattermost's client config (`/config/client?format=old`): every key its
 * clients read, as strings, true to what this server does.
 */
export function clientConfig(document: ConfigDocument, flat: Config): Record<string, string> {
  const doc = document as unknown as JsonObject;
  const props: Record<string, string> = {};
  const notifications = notificationSettingsOf(doc);
  const canMailLinks = emailLinksUnavailable(document.EmailSettings as unknown as JsonObject, flat.siteUrl) === undefined;
  for (const [key, path] of Object.entries(FROM_DOCUMENT)) props[key] = text(getPath(doc, path));
  Object.assign(props, PARLEY_FACTS);
  for (const [key, path] of Object.entries(ATTRIBUTE_SET)) props[key] = String(text(getPath(doc, path)) !== '');
  // Enforcement means nothing while MFA itself is off.
  props.EnforceMultifactorAuthentication = String(document.ServiceSettings.EnableMultifactorAuthentication === true
    && document.ServiceSettings.EnforceMultifactorAuthentication === true);
  Object.assign(props, {
    SiteURL: flat.siteUrl.replace(/\/+$/, ''), SiteName: flat.siteName, WebsocketURL: '',
    EnableUserCreation: String(flat.enableUserCreation), EnableOpenServer: String(flat.enableOpenServer),
    EnableSignUpWithEmail: String(flat.enableUserCreation && getPath(doc, 'EmailSettings.EnableSignUpWithEmail') !== false),
    ShowEmailAddress: String(flat.showEmailAddress), ShowFullName: String(flat.showFullName), MaxPostSize: String(flat.maxPostSize),
    EnableMetrics: String(flat.metricsEnable), HasImageProxy: String(imageProxyEnabled(document)),
    PasswordEnableForgotLink: String(document.PasswordSettings.EnableForgotLink === true
      && resetLinkUnavailable(document.EmailSettings as unknown as JsonObject, flat.siteUrl) === undefined),
    // Offered only while the server can mail the links they need.
    EnableEmailInvitations: String(document.ServiceSettings.EnableEmailInvitations === true && canMailLinks),
    RequireEmailVerification: String(document.EmailSettings.RequireEmailVerification === true && canMailLinks),
    // What the server will really send (an SMTP server, a push proxy), so that clients offer only those settings.
    SendEmailNotifications: String(notifications.email), SendPushNotifications: String(notifications.push),
    EnableEmailBatching: String(notifications.email && notifications.emailBatching),
    // Archived channels stay readable unless the document turns it off (search and the web client follow it).
    ExperimentalViewArchivedChannels: String(getPath(doc, 'TeamSettings.ExperimentalViewArchivedChannels') !== false),
  });
  return props;
}
