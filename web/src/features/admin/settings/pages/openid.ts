import { colorField, textField, type FieldDef } from '../fields';
import type { SettingsPageDef } from '../page';
import { chosenProvider, OpenIdProvider, OpenIdTest, SSO_ENABLE_PATHS } from '../identity/OpenIdActions';

/**
 * System Console > Authentication > OpenID Connect: one provider at a time (Mattermost's page), chosen with the
 * select above the fields; the fields are that provider's section of the document.
 */
export const openid: SettingsPageDef = {
  path: 'authentication/openid',
  group: 'Authentication',
  title: 'OpenID Connect',
  heading: (t) => t('admin.openid.title'),
  fields: (t, saved, draft): FieldDef[] => {
    switch (chosenProvider(draft ?? saved)) {
      case 'gitlab':
        return [
          textField('GitLabSettings.Id', t('admin.openid.id')),
          textField('GitLabSettings.Secret', t('admin.openid.secret'), undefined, { secret: true }),
          textField('GitLabSettings.AuthEndpoint', t('admin.openid.authEndpoint'), t('admin.openid.endpointsHelp')),
          textField('GitLabSettings.TokenEndpoint', t('admin.openid.tokenEndpoint')),
          textField('GitLabSettings.UserAPIEndpoint', t('admin.openid.userApiEndpoint')),
          textField('GitLabSettings.ButtonText', t('admin.openid.buttonText')),
          colorField('GitLabSettings.ButtonColor', t('admin.openid.buttonColor')),
        ];
      case 'google':
        return [
          textField('GoogleSettings.Id', t('admin.openid.id')),
          textField('GoogleSettings.Secret', t('admin.openid.secret'), undefined, { secret: true }),
        ];
      case 'office365':
        return [
          textField('Office365Settings.Id', t('admin.openid.id')),
          textField('Office365Settings.Secret', t('admin.openid.secret'), undefined, { secret: true }),
          textField('Office365Settings.DirectoryId', t('admin.openid.directoryId'), t('admin.openid.directoryIdHelp')),
        ];
      case 'openid':
        return [
          textField('OpenIdSettings.ButtonText', t('admin.openid.buttonText')),
          colorField('OpenIdSettings.ButtonColor', t('admin.openid.buttonColor')),
          textField('OpenIdSettings.DiscoveryEndpoint', t('admin.openid.discovery'), t('admin.openid.discoveryHelp'), {
            placeholder: 'https://id.example.com/.well-known/openid-configuration',
          }),
          textField('OpenIdSettings.Id', t('admin.openid.id')),
          textField('OpenIdSettings.Secret', t('admin.openid.secret'), undefined, { secret: true }),
        ];
      default:
        return [];
    }
  },
  lead: OpenIdProvider,
  extra: OpenIdTest,
  tracked: SSO_ENABLE_PATHS,
};
