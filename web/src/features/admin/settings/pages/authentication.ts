import { booleanField, numberField } from '../fields';
import type { SettingsPageDef } from '../page';

const group = 'Authentication';

export const signup: SettingsPageDef = {
  path: 'authentication/signup',
  group,
  title: 'Signup',
  heading: (t) => t('admin.signup.title'),
  fields: (t) => [
    booleanField('TeamSettings.EnableUserCreation', t('admin.signup.userCreation'), t('admin.signup.userCreationHelp')),
    booleanField('TeamSettings.EnableOpenServer', t('admin.signup.openServer'), t('admin.signup.openServerHelp')),
  ],
};

export const email: SettingsPageDef = {
  path: 'authentication/email',
  group,
  title: 'Email',
  heading: (t) => t('admin.emailAuth.title'),
  fields: (t) => [
    booleanField('EmailSettings.EnableSignUpWithEmail', t('admin.emailAuth.signUp')),
    booleanField('EmailSettings.EnableSignInWithEmail', t('admin.emailAuth.signInEmail')),
    booleanField('EmailSettings.EnableSignInWithUsername', t('admin.emailAuth.signInUsername')),
  ],
};

export const password: SettingsPageDef = {
  path: 'authentication/password',
  group,
  title: 'Password',
  heading: (t) => t('admin.password.title'),
  fields: (t) => [
    numberField('PasswordSettings.MinimumLength', t('admin.password.minLength'), t('admin.password.minLengthHelp')),
    booleanField('PasswordSettings.Lowercase', t('admin.password.lowercase')),
    booleanField('PasswordSettings.Uppercase', t('admin.password.uppercase')),
    booleanField('PasswordSettings.Number', t('admin.password.number')),
    booleanField('PasswordSettings.Symbol', t('admin.password.symbol')),
    numberField('ServiceSettings.MaximumLoginAttempts', t('admin.password.loginAttempts'), t('admin.password.loginAttemptsHelp')),
  ],
};

export const mfa: SettingsPageDef = {
  path: 'authentication/mfa',
  group,
  title: 'MFA',
  heading: (t) => t('admin.mfa.title'),
  fields: (t) => [
    booleanField('ServiceSettings.EnableMultifactorAuthentication', t('admin.mfa.enable'), t('admin.mfa.enableHelp')),
    booleanField('ServiceSettings.EnforceMultifactorAuthentication', t('admin.mfa.enforce'), t('admin.mfa.enforceHelp')),
  ],
};
