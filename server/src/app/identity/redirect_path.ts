/**
 * A same-site path to return to after signing in (OpenID Connect, SAML); anything else (absolute or scheme-relative
 * URLs, backslashes that browsers read as slashes, control characters) is dropped as '', so the redirect can never
 * leave the site.
 */
export function safeRedirectPath(value: string | undefined): string {
  if (!value || value.length > 2048 || !value.startsWith('/') || value.startsWith('//') || /[\\\u0000-\u001f\u007f]/.test(value)) return '';
  return value;
}
