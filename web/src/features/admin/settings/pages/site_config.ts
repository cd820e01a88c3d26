import { LOCALES } from '../../../../i18n/I18nProvider';
import { booleanField, colorField, dropdownField, numberField, textField } from '../fields';
import type { SettingsPageDef } from '../page';

const group = 'Site Configuration';

export const customization: SettingsPageDef = {
  path: 'site_config/customization',
  group,
  title: 'Customization',
  heading: (t) => t('admin.customization.title'),
  fields: (t) => [
    textField('TeamSettings.SiteName', t('admin.customization.siteName'), t('admin.customization.siteNameHelp')),
    textField('TeamSettings.CustomDescriptionText', t('admin.customization.description'), t('admin.customization.descriptionHelp')),
    textField('SupportSettings.HelpLink', t('admin.customization.helpLink')),
    textField('SupportSettings.AboutLink', t('admin.customization.aboutLink')),
    textField('SupportSettings.PrivacyPolicyLink', t('admin.customization.privacyLink')),
    textField('SupportSettings.TermsOfServiceLink', t('admin.customization.termsLink')),
    textField('SupportSettings.SupportEmail', t('admin.customization.supportEmail'), t('admin.customization.supportEmailHelp')),
  ],
};

export const localization: SettingsPageDef = {
  path: 'site_config/localization',
  group,
  title: 'Localization',
  heading: (t) => t('admin.localization.title'),
  fields: (t) => {
    const locales = LOCALES.map((l) => ({ value: l.id, label: l.name }));
    return [
      dropdownField('LocalizationSettings.DefaultServerLocale', t('admin.localization.server'), locales, t('admin.localization.serverHelp')),
      dropdownField('LocalizationSettings.DefaultClientLocale', t('admin.localization.client'), locales, t('admin.localization.clientHelp')),
      textField('LocalizationSettings.AvailableLocales', t('admin.localization.available'), t('admin.localization.availableHelp'), { placeholder: 'en,de' }),
    ];
  },
};

export const usersAndTeams: SettingsPageDef = {
  path: 'site_config/users_and_teams',
  group,
  title: 'Users and Teams',
  heading: (t) => t('admin.usersTeams.title'),
  fields: (t) => [
    numberField('TeamSettings.MaxUsersPerTeam', t('admin.usersTeams.maxUsers')),
    numberField('TeamSettings.MaxChannelsPerTeam', t('admin.usersTeams.maxChannels'), t('admin.usersTeams.maxChannelsHelp')),
    dropdownField('TeamSettings.RestrictDirectMessage', t('admin.usersTeams.restrictDm'), [
      { value: 'any', label: t('admin.usersTeams.dmAny') },
      { value: 'team', label: t('admin.usersTeams.dmTeam') },
    ]),
    dropdownField('TeamSettings.TeammateNameDisplay', t('admin.usersTeams.nameDisplay'), [
      { value: 'username', label: t('admin.usersTeams.showUsername') },
      { value: 'nickname_full_name', label: t('admin.usersTeams.showNickname') },
      { value: 'full_name', label: t('admin.usersTeams.showFullName') },
    ]),
    booleanField('PrivacySettings.ShowEmailAddress', t('admin.usersTeams.showEmail'), t('admin.usersTeams.showEmailHelp')),
    booleanField('PrivacySettings.ShowFullName', t('admin.usersTeams.showFullNames'), t('admin.usersTeams.showFullNamesHelp')),
  ],
};

export const posts: SettingsPageDef = {
  path: 'site_config/posts',
  group,
  title: 'Posts',
  heading: (t) => t('admin.posts.title'),
  fields: (t) => [
    numberField('ServiceSettings.PostEditTimeLimit', t('admin.posts.editLimit'), t('admin.posts.editLimitHelp')),
    numberField('ParleySettings.MaxPostSize', t('admin.posts.maxPostSize'), t('admin.posts.maxPostSizeHelp')),
    numberField('FileSettings.MaxFileSize', t('admin.posts.maxFileSize'), t('admin.posts.maxFileSizeHelp')),
    booleanField('ServiceSettings.EnableLinkPreviews', t('admin.posts.linkPreviews'), t('admin.posts.linkPreviewsHelp')),
    textField('ServiceSettings.RestrictLinkPreviews', t('admin.posts.restrictPreviews'), t('admin.posts.restrictPreviewsHelp'), { placeholder: 'internal.example.com, example.org' }),
    textField('ServiceSettings.AllowedUntrustedInternalConnections', t('admin.posts.internalConnections'), t('admin.posts.internalConnectionsHelp'), { placeholder: 'wiki.lan 10.0.0.0/8' }),
  ],
};

export const notifications: SettingsPageDef = {
  path: 'site_config/notifications',
  group,
  title: 'Notifications',
  heading: (t) => t('admin.notifications.title'),
  fields: (t) => [
    booleanField('EmailSettings.SendEmailNotifications', t('admin.smtp.sendNotifications'), t('admin.notifications.sendEmailHelp')),
    booleanField('EmailSettings.EnableEmailBatching', t('admin.notifications.batching'), t('admin.notifications.batchingHelp')),
    dropdownField('EmailSettings.EmailNotificationContentsType', t('admin.notifications.emailContents'), [
      { value: 'full', label: t('admin.notifications.emailFull') },
      { value: 'generic', label: t('admin.notifications.emailGeneric') },
    ], t('admin.notifications.emailContentsHelp')),
    dropdownField('EmailSettings.PushNotificationContents', t('admin.notifications.pushContents'), [
      { value: 'full', label: t('admin.notifications.pushFull') },
      { value: 'generic', label: t('admin.notifications.pushGeneric') },
      { value: 'generic_no_channel', label: t('admin.notifications.pushGenericNoChannel') },
      { value: 'id_loaded', label: t('admin.notifications.pushIdLoaded') },
    ], t('admin.notifications.pushContentsHelp')),
    booleanField('TeamSettings.EnableConfirmNotificationsToChannel', t('admin.notifications.confirmChannel'), t('admin.notifications.confirmChannelHelp')),
  ],
};

export const announcementBanner: SettingsPageDef = {
  path: 'site_config/announcement_banner',
  group,
  title: 'Announcement Banner',
  heading: (t) => t('admin.banner.title'),
  fields: (t) => [
    booleanField('AnnouncementSettings.EnableBanner', t('admin.banner.enable'), t('admin.banner.enableHelp')),
    textField('AnnouncementSettings.BannerText', t('admin.banner.text'), t('admin.banner.textHelp')),
    colorField('AnnouncementSettings.BannerColor', t('admin.banner.color')),
    colorField('AnnouncementSettings.BannerTextColor', t('admin.banner.textColor')),
    booleanField('AnnouncementSettings.AllowBannerDismissal', t('admin.banner.dismissal'), t('admin.banner.dismissalHelp')),
  ],
};
