import { booleanField, dropdownField, textField } from '../fields';
import type { SettingsPageDef } from '../page';
import { SamlActions } from '../identity/SamlActions';

/** System Console > Authentication > SAML 2.0: Mattermost's SamlSettings keys, metadata fetch and certificate files. */
export const saml: SettingsPageDef = {
  path: 'authentication/saml',
  group: 'Authentication',
  title: 'SAML 2.0',
  heading: (t) => t('admin.saml.title'),
  fields: (t) => [
    booleanField('SamlSettings.Enable', t('admin.saml.enable'), t('admin.saml.enableHelp')),
    textField('SamlSettings.IdpMetadataURL', t('admin.saml.metadataUrl'), t('admin.saml.metadataUrlHelp')),
    textField('SamlSettings.IdpURL', t('admin.saml.idpUrl'), t('admin.saml.idpUrlHelp')),
    textField('SamlSettings.IdpDescriptorURL', t('admin.saml.idpDescriptorUrl')),
    textField('SamlSettings.ServiceProviderIdentifier', t('admin.saml.spIdentifier'), t('admin.saml.spIdentifierHelp')),
    textField('SamlSettings.AssertionConsumerServiceURL', t('admin.saml.acsUrl'), t('admin.saml.acsUrlHelp')),
    booleanField('SamlSettings.Verify', t('admin.saml.verify'), t('admin.saml.verifyHelp')),
    booleanField('SamlSettings.Encrypt', t('admin.saml.encrypt'), t('admin.saml.encryptHelp')),
    booleanField('SamlSettings.SignRequest', t('admin.saml.signRequest')),
    dropdownField('SamlSettings.SignatureAlgorithm', t('admin.saml.signatureAlgorithm'), [
      { value: 'RSAwithSHA1', label: 'RSAwithSHA1' },
      { value: 'RSAwithSHA256', label: 'RSAwithSHA256' },
      { value: 'RSAwithSHA512', label: 'RSAwithSHA512' },
    ]),
    dropdownField('SamlSettings.CanonicalAlgorithm', t('admin.saml.canonicalAlgorithm'), [
      { value: 'Canonical1.0', label: t('admin.saml.canonical10') },
      { value: 'Canonical1.1', label: t('admin.saml.canonical11') },
    ]),
    textField('SamlSettings.IdAttribute', t('admin.saml.idAttribute')),
    textField('SamlSettings.EmailAttribute', t('admin.saml.emailAttribute')),
    textField('SamlSettings.UsernameAttribute', t('admin.saml.usernameAttribute')),
    textField('SamlSettings.FirstNameAttribute', t('admin.saml.firstNameAttribute')),
    textField('SamlSettings.LastNameAttribute', t('admin.saml.lastNameAttribute')),
    textField('SamlSettings.NicknameAttribute', t('admin.saml.nicknameAttribute')),
    textField('SamlSettings.PositionAttribute', t('admin.saml.positionAttribute')),
    textField('SamlSettings.LocaleAttribute', t('admin.saml.localeAttribute')),
    booleanField('SamlSettings.EnableAdminAttribute', t('admin.saml.enableAdminAttribute')),
    textField('SamlSettings.AdminAttribute', t('admin.saml.adminAttribute'), t('admin.saml.adminAttributeHelp')),
    textField('SamlSettings.LoginButtonText', t('admin.saml.buttonText')),
  ],
  extra: SamlActions,
};
