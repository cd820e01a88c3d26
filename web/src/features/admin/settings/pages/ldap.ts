import { booleanField, dropdownField, numberField, textField } from '../fields';
import type { SettingsPageDef } from '../page';
import { LdapActions } from '../identity/LdapActions';

/** System Console > Authentication > AD/LDAP: Mattermost's LdapSettings keys, with test and sync buttons. */
export const ldap: SettingsPageDef = {
  path: 'authentication/ldap',
  group: 'Authentication',
  title: 'AD/LDAP',
  heading: (t) => t('admin.ldap.title'),
  fields: (t) => [
    booleanField('LdapSettings.Enable', t('admin.ldap.enable'), t('admin.ldap.enableHelp')),
    booleanField('LdapSettings.EnableSync', t('admin.ldap.enableSync'), t('admin.ldap.enableSyncHelp')),
    textField('LdapSettings.LoginFieldName', t('admin.ldap.loginFieldName'), t('admin.ldap.loginFieldNameHelp')),
    textField('LdapSettings.LdapServer', t('admin.ldap.server'), t('admin.ldap.serverHelp'), { placeholder: 'ldap.example.com' }),
    numberField('LdapSettings.LdapPort', t('admin.ldap.port')),
    dropdownField('LdapSettings.ConnectionSecurity', t('admin.ldap.security'), [
      { value: '', label: t('admin.ldap.securityNone') },
      { value: 'TLS', label: t('admin.ldap.securityTls') },
      { value: 'STARTTLS', label: t('admin.ldap.securityStarttls') },
    ]),
    booleanField('LdapSettings.SkipCertificateVerification', t('admin.ldap.skipVerify'), t('admin.ldap.skipVerifyHelp')),
    textField('LdapSettings.BaseDN', t('admin.ldap.baseDn'), t('admin.ldap.baseDnHelp')),
    textField('LdapSettings.BindUsername', t('admin.ldap.bindUsername'), t('admin.ldap.bindUsernameHelp')),
    textField('LdapSettings.BindPassword', t('admin.ldap.bindPassword'), undefined, { secret: true }),
    textField('LdapSettings.UserFilter', t('admin.ldap.userFilter'), t('admin.ldap.userFilterHelp')),
    textField('LdapSettings.GroupFilter', t('admin.ldap.groupFilter')),
    booleanField('LdapSettings.EnableAdminFilter', t('admin.ldap.enableAdminFilter')),
    textField('LdapSettings.AdminFilter', t('admin.ldap.adminFilter'), t('admin.ldap.adminFilterHelp')),
    textField('LdapSettings.IdAttribute', t('admin.ldap.idAttribute'), t('admin.ldap.idAttributeHelp')),
    textField('LdapSettings.LoginIdAttribute', t('admin.ldap.loginIdAttribute'), t('admin.ldap.loginIdAttributeHelp')),
    textField('LdapSettings.UsernameAttribute', t('admin.ldap.usernameAttribute')),
    textField('LdapSettings.EmailAttribute', t('admin.ldap.emailAttribute')),
    textField('LdapSettings.FirstNameAttribute', t('admin.ldap.firstNameAttribute')),
    textField('LdapSettings.LastNameAttribute', t('admin.ldap.lastNameAttribute')),
    textField('LdapSettings.NicknameAttribute', t('admin.ldap.nicknameAttribute')),
    textField('LdapSettings.PositionAttribute', t('admin.ldap.positionAttribute')),
    numberField('LdapSettings.SyncIntervalMinutes', t('admin.ldap.syncInterval')),
    numberField('LdapSettings.MaxPageSize', t('admin.ldap.maxPageSize'), t('admin.ldap.maxPageSizeHelp')),
    numberField('LdapSettings.QueryTimeout', t('admin.ldap.queryTimeout')),
    numberField('LdapSettings.MaximumLoginAttempts', t('admin.ldap.maxLoginAttempts')),
  ],
  extra: LdapActions,
};
