/** The address an incoming webhook is posted to, `<site>/hooks/<id>`: the configured site URL, else this page's origin. */
export function incomingHookUrl(siteUrl: string | undefined, origin: string, hookId: string): string {
  const base = (siteUrl || origin).replace(/\/+$/, '');
  return `${base}/hooks/${hookId}`;
}
