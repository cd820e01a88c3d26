import { booleanField, dropdownField, numberField, readonlyField, textField } from '../fields';
import type { SettingsPageDef } from '../page';
import { TestEmail } from '../TestEmail';

const group = 'Environment';

export const webServer: SettingsPageDef = {
  path: 'environment/web_server',
  group,
  title: 'Web Server',
  heading: (t) => t('admin.webServer.title'),
  fields: (t) => [
    textField('ServiceSettings.SiteURL', t('admin.webServer.siteUrl'), t('admin.webServer.siteUrlHelp'), { placeholder: 'https://chat.example.com' }),
    readonlyField('ServiceSettings.ListenAddress', t('admin.webServer.listenAddress'), t('admin.webServer.listenAddressNote')),
    numberField('ServiceSettings.ReadTimeout', t('admin.webServer.readTimeout'), t('admin.webServer.readTimeoutHelp')),
  ],
};

export const database: SettingsPageDef = {
  path: 'environment/database',
  group,
  title: 'Database',
  heading: (t) => t('admin.database.title'),
  fields: (t) => [
    readonlyField('SqlSettings.DriverName', t('admin.database.driver'), t('admin.database.driverNote')),
    numberField('SqlSettings.MaxOpenConns', t('admin.database.maxOpenConns'), t('admin.database.maxOpenConnsHelp')),
    numberField('SqlSettings.ConnMaxIdleTimeMilliseconds', t('admin.database.maxIdleTime'), t('admin.database.maxIdleTimeHelp')),
    numberField('SqlSettings.ConnMaxLifetimeMilliseconds', t('admin.database.maxLifetime'), t('admin.database.maxLifetimeHelp')),
  ],
};

export const fileStorage: SettingsPageDef = {
  path: 'environment/file_storage',
  group,
  title: 'File Storage',
  heading: (t) => t('admin.fileStorage.title'),
  fields: (t) => [
    dropdownField('FileSettings.DriverName', t('admin.fileStorage.driver'), [
      { value: 'local', label: t('admin.fileStorage.driverLocal') },
      { value: 'amazons3', label: t('admin.fileStorage.driverS3') },
    ], t('admin.fileStorage.driverHelp')),
    textField('FileSettings.Directory', t('admin.fileStorage.directory'), t('admin.fileStorage.directoryHelp'), { placeholder: './data/' }),
    booleanField('FileSettings.EnableFileAttachments', t('admin.fileStorage.attachments'), t('admin.fileStorage.attachmentsHelp')),
    booleanField('FileSettings.EnablePublicLink', t('admin.fileStorage.publicLink'), t('admin.fileStorage.publicLinkHelp')),
    textField('FileSettings.AmazonS3Bucket', t('admin.fileStorage.s3Bucket')),
    textField('FileSettings.AmazonS3Region', t('admin.fileStorage.s3Region'), t('admin.fileStorage.s3RegionHelp'), { placeholder: 'us-east-1' }),
    textField('FileSettings.AmazonS3Endpoint', t('admin.fileStorage.s3Endpoint'), t('admin.fileStorage.s3EndpointHelp'), { placeholder: 's3.amazonaws.com' }),
    textField('FileSettings.AmazonS3AccessKeyId', t('admin.fileStorage.s3AccessKey')),
    textField('FileSettings.AmazonS3SecretAccessKey', t('admin.fileStorage.s3SecretKey'), t('admin.fileStorage.s3SecretKeyHelp'), { secret: true }),
    booleanField('FileSettings.AmazonS3SSL', t('admin.fileStorage.s3Ssl'), t('admin.fileStorage.s3SslHelp')),
    textField('FileSettings.AmazonS3PathPrefix', t('admin.fileStorage.s3PathPrefix'), t('admin.fileStorage.s3PathPrefixHelp')),
  ],
};

export const imageProxy: SettingsPageDef = {
  path: 'environment/image_proxy',
  group,
  title: 'Image Proxy',
  heading: (t) => t('admin.imageProxy.title'),
  fields: (t) => [
    booleanField('ImageProxySettings.Enable', t('admin.imageProxy.enable'), t('admin.imageProxy.enableHelp')),
    dropdownField('ImageProxySettings.ImageProxyType', t('admin.imageProxy.type'), [
      { value: 'local', label: t('admin.imageProxy.typeLocal') },
    ], t('admin.imageProxy.typeHelp')),
  ],
};

export const smtp: SettingsPageDef = {
  path: 'environment/smtp',
  group,
  title: 'SMTP',
  heading: (t) => t('admin.smtp.title'),
  fields: (t) => [
    booleanField('EmailSettings.SendEmailNotifications', t('admin.smtp.sendNotifications'), t('admin.smtp.sendNotificationsHelp')),
    textField('EmailSettings.SMTPServer', t('admin.smtp.server'), undefined, { placeholder: 'smtp.example.com' }),
    textField('EmailSettings.SMTPPort', t('admin.smtp.port'), undefined, { placeholder: '587' }),
    dropdownField('EmailSettings.ConnectionSecurity', t('admin.smtp.security'), [
      { value: '', label: t('admin.smtp.securityNone') },
      { value: 'TLS', label: 'TLS' },
      { value: 'STARTTLS', label: 'STARTTLS' },
    ]),
    booleanField('EmailSettings.EnableSMTPAuth', t('admin.smtp.auth')),
    textField('EmailSettings.SMTPUsername', t('admin.smtp.username')),
    textField('EmailSettings.SMTPPassword', t('admin.smtp.password'), t('admin.smtp.passwordHelp'), { secret: true }),
    booleanField('EmailSettings.SkipServerCertificateVerification', t('admin.smtp.skipVerify'), t('admin.smtp.skipVerifyHelp')),
    textField('EmailSettings.FeedbackName', t('admin.smtp.feedbackName'), t('admin.smtp.feedbackNameHelp')),
    textField('EmailSettings.FeedbackEmail', t('admin.smtp.feedbackEmail'), t('admin.smtp.feedbackEmailHelp')),
  ],
  extra: TestEmail,
};

export const pushNotificationServer: SettingsPageDef = {
  path: 'environment/push_notification_server',
  group,
  title: 'Push Notification Server',
  heading: (t) => t('admin.push.title'),
  fields: (t) => [
    booleanField('EmailSettings.SendPushNotifications', t('admin.push.enable'), t('admin.push.enableHelp')),
    textField('EmailSettings.PushNotificationServer', t('admin.push.server'), t('admin.push.serverHelp'), { placeholder: 'https://push.example.com' }),
  ],
};

export const rateLimiting: SettingsPageDef = {
  path: 'environment/rate_limiting',
  group,
  title: 'Rate Limiting',
  heading: (t) => t('admin.rateLimit.title'),
  fields: (t) => [
    booleanField('RateLimitSettings.Enable', t('admin.rateLimit.enable'), t('admin.rateLimit.enableHelp')),
    numberField('RateLimitSettings.PerSec', t('admin.rateLimit.perSec')),
    numberField('RateLimitSettings.MaxBurst', t('admin.rateLimit.maxBurst'), t('admin.rateLimit.maxBurstHelp')),
    numberField('RateLimitSettings.MemoryStoreSize', t('admin.rateLimit.memoryStoreSize'), t('admin.rateLimit.memoryStoreSizeHelp')),
    booleanField('RateLimitSettings.VaryByRemoteAddr', t('admin.rateLimit.byAddress')),
    booleanField('RateLimitSettings.VaryByUser', t('admin.rateLimit.byUser')),
    textField('RateLimitSettings.VaryByHeader', t('admin.rateLimit.byHeader'), t('admin.rateLimit.byHeaderHelp')),
  ],
};

export const logging: SettingsPageDef = {
  path: 'environment/logging',
  group,
  title: 'Logging',
  heading: (t) => t('admin.logging.title'),
  fields: (t) => [
    dropdownField(
      'LogSettings.ConsoleLevel',
      t('admin.logging.consoleLevel'),
      ['DEBUG', 'INFO', 'WARN', 'ERROR'].map((level) => ({ value: level, label: level })),
      t('admin.logging.consoleLevelHelp'),
    ),
  ],
};

export const sessionLengths: SettingsPageDef = {
  path: 'environment/session_lengths',
  group,
  title: 'Session Lengths',
  heading: (t) => t('admin.sessions.title'),
  fields: (t) => [
    numberField('ServiceSettings.SessionLengthWebInHours', t('admin.sessions.webHours'), t('admin.sessions.webHoursHelp')),
    booleanField('ServiceSettings.TerminateSessionsOnPasswordChange', t('admin.sessions.terminate'), t('admin.sessions.terminateHelp')),
  ],
};

export const performanceMonitoring: SettingsPageDef = {
  path: 'environment/performance_monitoring',
  group,
  title: 'Performance Monitoring',
  heading: (t) => t('admin.metrics.title'),
  fields: (t) => [
    booleanField('MetricsSettings.Enable', t('admin.metrics.enable'), t('admin.metrics.enableHelp')),
    textField('MetricsSettings.ListenAddress', t('admin.metrics.listenAddress'), t('admin.metrics.listenAddressHelp'), { placeholder: '127.0.0.1:8067' }),
  ],
};
