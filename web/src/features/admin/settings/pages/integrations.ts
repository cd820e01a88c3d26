import { booleanField, numberField } from '../fields';
import type { SettingsPageDef } from '../page';

const group = 'Integrations';

export const integrationManagement: SettingsPageDef = {
  path: 'integrations/integration_management',
  group,
  title: 'Integration Management',
  heading: (t) => t('admin.integrations.title'),
  fields: (t) => [
    booleanField('ServiceSettings.EnableIncomingWebhooks', t('admin.integrations.incoming'), t('admin.integrations.incomingHelp')),
    booleanField('ServiceSettings.EnableOutgoingWebhooks', t('admin.integrations.outgoing'), t('admin.integrations.outgoingHelp')),
    booleanField('ServiceSettings.EnableCommands', t('admin.integrations.commands'), t('admin.integrations.commandsHelp')),
    booleanField('ServiceSettings.EnableOAuthServiceProvider', t('admin.integrations.oauth'), t('admin.integrations.oauthHelp')),
    booleanField('ServiceSettings.EnablePostUsernameOverride', t('admin.integrations.usernameOverride'), t('admin.integrations.usernameOverrideHelp')),
    booleanField('ServiceSettings.EnablePostIconOverride', t('admin.integrations.iconOverride'), t('admin.integrations.iconOverrideHelp')),
    booleanField('ServiceSettings.EnableUserAccessTokens', t('admin.integrations.accessTokens'), t('admin.integrations.accessTokensHelp')),
    numberField('ServiceSettings.OutgoingIntegrationRequestsTimeout', t('admin.integrations.timeout'), t('admin.integrations.timeoutHelp')),
    booleanField('LogSettings.EnableWebhookDebugging', t('admin.integrations.debugging'), t('admin.integrations.debuggingHelp')),
  ],
};

export const botAccounts: SettingsPageDef = {
  path: 'integrations/bot_accounts',
  group,
  title: 'Bot Accounts',
  heading: (t) => t('admin.bots.title'),
  fields: (t) => [
    booleanField('ServiceSettings.EnableBotAccountCreation', t('admin.bots.creation'), t('admin.bots.creationHelp')),
    booleanField('ServiceSettings.DisableBotsWhenOwnerIsDeactivated', t('admin.bots.disableWithOwner'), t('admin.bots.disableWithOwnerHelp')),
  ],
};
