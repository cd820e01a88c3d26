/** English strings of the OAuth consent page (spread into en.ts). */
export const oauthEn = {
  'oauth.title': 'Authorize app',
  'oauth.loading': 'Loading the app…',
  'oauth.subtitle': '{name} wants to access your account.',
  'oauth.homepage': 'Homepage:',
  'oauth.explanation': 'If you allow it, {name} can read and change your data and act in your name, as you can, until you remove its access.',
  'oauth.allow': 'Allow',
  'oauth.deny': 'Deny',
  'oauth.badRedirect': 'This request cannot be authorized: the app did not register the address it asks to return to.',
};
