import ipaddr from 'ipaddr.js';

// Which addresses an outbound request may reach. Only global unicast addresses are allowed: private, loopback,
// link-local (cloud metadata at 169.254.169.254), unique-local, multicast, unspecified, carrier-grade NAT, reserved
// and the IPv6 forms that embed an IPv4 address (6to4, Teredo, NAT64) are refused, unless the admin allowed them.

type Address = ipaddr.IPv4 | ipaddr.IPv6;

/** The address itself, with an IPv4-mapped IPv6 address (::ffff:10.0.0.1) read as the IPv4 address it maps. */
export function parseAddress(text: string): Address | undefined {
  const bare = text.startsWith('[') && text.endsWith(']') ? text.slice(1, -1) : text;
  if (!ipaddr.isValid(bare)) return undefined;
  return ipaddr.process(bare);
}

/** True for a global unicast address, the only kind reachable without the admin's leave. */
export function isPublicAddress(address: Address): boolean {
  return address.range() === 'unicast';
}

/** Mattermost's AllowedUntrustedInternalConnections: hostnames, addresses and CIDR ranges, space or comma separated. */
export class AllowedInternalHosts {
  private readonly names = new Set<string>();
  private readonly ranges: [Address, number][] = [];

  constructor(setting: string) {
    for (const entry of setting.split(/[\s,]+/).filter(Boolean)) {
      const lower = entry.toLowerCase();
      if (lower.includes('/') && ipaddr.isValidCIDR(lower)) {
        const [address, bits] = ipaddr.parseCIDR(lower);
        this.ranges.push(address.kind() === 'ipv6' && (address as ipaddr.IPv6).isIPv4MappedAddress()
          ? [(address as ipaddr.IPv6).toIPv4Address(), Math.max(0, bits - 96)]
          : [address, bits]);
        continue;
      }
      const address = parseAddress(lower);
      if (address) this.ranges.push([address, address.kind() === 'ipv4' ? 32 : 128]);
      else this.names.add(lower);
    }
  }

  /** The URL's host name was listed: whatever it resolves to may be reached. */
  allowsName(hostname: string): boolean {
    return this.names.has(hostname.toLowerCase());
  }

  /** The address is listed or inside a listed range. */
  allowsAddress(address: Address): boolean {
    return this.ranges.some(([range, bits]) => range.kind() === address.kind() && address.match(range, bits));
  }
}
