/** The pages of the Integrations area, by their Mattermost path under /:team/integrations/. */
export type IntegrationSection = 'incoming_webhooks' | 'outgoing_webhooks' | 'commands' | 'bots' | 'oauth2-apps';

export const INTEGRATION_SECTIONS: readonly IntegrationSection[] = ['incoming_webhooks', 'outgoing_webhooks', 'commands', 'bots', 'oauth2-apps'];

export const integrationsUrl = (teamName: string, section: IntegrationSection | '' = ''): string =>
  `/${teamName}/integrations${section ? `/${section}` : ''}`;

type Config = Record<string, string | undefined>;

const on = (config: Config, key: string): boolean => config[key] === 'true';
const any = (permissions: ReadonlySet<string>, ...names: string[]): boolean => names.some((name) => permissions.has(name));

/** Whether a section is offered: the feature is on in the client config and one of the roles' permissions allows managing it. */
export function sectionAllowed(section: IntegrationSection, config: Config, permissions: ReadonlySet<string>): boolean {
  switch (section) {
    case 'incoming_webhooks':
      return on(config, 'EnableIncomingWebhooks') && any(permissions, 'manage_incoming_webhooks', 'manage_own_incoming_webhooks');
    case 'outgoing_webhooks':
      return on(config, 'EnableOutgoingWebhooks') && any(permissions, 'manage_outgoing_webhooks', 'manage_own_outgoing_webhooks');
    case 'commands':
      return on(config, 'EnableCommands') && any(permissions, 'manage_slash_commands', 'manage_own_slash_commands');
    case 'bots':
      // Existing bots stay manageable when creating new ones is turned off; the add button follows the setting.
      return any(permissions, 'create_bot', 'manage_bots', 'manage_others_bots', 'read_bots', 'read_others_bots')
        && (on(config, 'EnableBotAccountCreation') || any(permissions, 'manage_others_bots'));
    case 'oauth2-apps':
      return on(config, 'EnableOAuthServiceProvider') && any(permissions, 'manage_oauth', 'manage_system_wide_oauth');
  }
}

export function availableSections(config: Config, permissions: ReadonlySet<string>): IntegrationSection[] {
  return INTEGRATION_SECTIONS.filter((section) => sectionAllowed(section, config, permissions));
}

export function canCreateBots(config: Config, permissions: ReadonlySet<string>): boolean {
  return on(config, 'EnableBotAccountCreation') && permissions.has('create_bot');
}

/** Personal access tokens in the account settings: the feature is on and the user may create them. */
export function canUseAccessTokens(config: Config, permissions: ReadonlySet<string>): boolean {
  return on(config, 'EnableUserAccessTokens') && permissions.has('create_user_access_token');
}
