/**
 * Which IP addresses an outbound fetch may connect to: public unicast only. Everything a
 * pasted link could use to reach inside the deployment (private, loopback, link-local,
 * CGNAT, multicast, unspecified, and IPv6 forms that embed such an IPv4) is refused.
 * Pure: no DNS, no network.
 */
import ipaddr from 'ipaddr.js';

export type AddressVerdict = { ok: true; address: string; family: 4 | 6 } | { ok: false; reason: string };

/** ipaddr.js range names; only plain 'unicast' is public. Kept for the refusal message. */
function refuse(address: string, range: string): AddressVerdict {
  return { ok: false, reason: `${address} is ${range}, not a public address` };
}

function checkV4(v4: ipaddr.IPv4, shown: string): AddressVerdict {
  const range = v4.range();
  return range === 'unicast' ? { ok: true, address: v4.toString(), family: 4 } : refuse(shown, range);
}

/**
 * Checks one literal address (as DNS returned it or as written in a URL, brackets
 * stripped). IPv4-mapped (::ffff:a.b.c.d) and IPv4-compatible (::a.b.c.d) IPv6 addresses
 * are judged by the IPv4 address inside them, so ::ffff:127.0.0.1 is loopback.
 */
export function checkAddress(literal: string): AddressVerdict {
  const text = literal.startsWith('[') && literal.endsWith(']') ? literal.slice(1, -1) : literal;
  // Zone ids (fe80::1%eth0) only exist on link-local addresses.
  if (text.includes('%')) return { ok: false, reason: `${text} carries a zone id (link-local)` };
  if (!ipaddr.isValid(text)) return { ok: false, reason: `${text} is not an IP address` };
  const parsed = ipaddr.parse(text);
  if (parsed.kind() === 'ipv4') return checkV4(parsed as ipaddr.IPv4, text);
  const v6 = parsed as ipaddr.IPv6;
  if (v6.isIPv4MappedAddress()) return checkV4(v6.toIPv4Address(), text);
  const parts = v6.parts;
  // ::1 is named for what it is before the IPv4-compatible rule below would claim it.
  if (parts.slice(0, 7).every((p) => p === 0) && parts[7] === 1) return refuse(text, 'loopback');
  // ::a.b.c.d (deprecated IPv4-compatible form): no legitimate service uses it.
  if (parts.slice(0, 6).every((p) => p === 0)) {
    return parts[6] === 0 && parts[7] === 0 ? refuse(text, 'unspecified') : refuse(text, 'an IPv4-compatible IPv6 address');
  }
  const range = v6.range();
  return range === 'unicast' ? { ok: true, address: v6.toString(), family: 6 } : refuse(text, range);
}

/** True when a URL hostname is an IP literal (v4, or bracketed v6) rather than a name. */
export function isIpLiteral(hostname: string): boolean {
  const text = hostname.startsWith('[') && hostname.endsWith(']') ? hostname.slice(1, -1) : hostname;
  return ipaddr.isValid(text) && (text.includes(':') || ipaddr.IPv4.isValidFourPartDecimal(text));
}
