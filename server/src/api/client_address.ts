import type { IncomingHttpHeaders } from 'node:http';

/**
 * The client's address (ServiceSettings.TrustedProxyIPHeader): the socket's peer, unless headers set by a trusted
 * proxy in front are configured; then the first address in the first of them present. Without that setting any
 * client could name its own address in X-Forwarded-For, so such headers are ignored.
 */
export function clientAddress(headers: IncomingHttpHeaders, peer: string | undefined, trustedHeaders: readonly string[]): string {
  for (const name of trustedHeaders) {
    const value = headers[name.toLowerCase()];
    const first = (Array.isArray(value) ? value[0] : value)?.split(',')[0]?.trim();
    if (first) return unmapped(first);
  }
  return unmapped(peer ?? '');
}

/** `::ffff:10.0.0.1` is the IPv4 client 10.0.0.1 on a dual-stack socket; one client, one key. */
function unmapped(address: string): string {
  return address.startsWith('::ffff:') && address.includes('.') ? address.slice(7) : address;
}
