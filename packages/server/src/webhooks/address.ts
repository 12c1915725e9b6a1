import { lookup as dnsLookup } from 'node:dns';
import { BlockList, isIP, type LookupFunction } from 'node:net';

/**
 * Addresses a webhook may not reach unless the store allows private addresses
 * (`KEFU_WEBHOOKS_ALLOW_PRIVATE=1`): loopback, private networks, link-local (cloud metadata at
 * 169.254.169.254), carrier-grade NAT, multicast and reserved ranges. Otherwise whoever can add a
 * webhook could make the server POST into the network it runs in (SSRF; decision 0022).
 */
const blocked = new BlockList();
for (const [network, prefix] of [
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['100.64.0.0', 10],
  ['127.0.0.0', 8],
  ['169.254.0.0', 16],
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['224.0.0.0', 3],
] as const)
  blocked.addSubnet(network, prefix, 'ipv4');
for (const [network, prefix] of [
  ['::', 128],
  ['::1', 128],
  ['64:ff9b::', 96],
  ['fc00::', 7],
  ['fe80::', 10],
  ['ff00::', 8],
] as const)
  blocked.addSubnet(network, prefix, 'ipv6');

/** Whether `address` (an IPv4 or IPv6 literal) is one a webhook may not reach by default. */
export function isPrivateAddress(address: string): boolean {
  const bare = address.replace(/^\[|\]$/g, '');
  // An IPv4 address written as IPv6 (::ffff:127.0.0.1) is the IPv4 address.
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(bare)?.[1];
  if (mapped) return blocked.check(mapped, 'ipv4');
  const family = isIP(bare);
  if (family === 0) return true;
  return blocked.check(bare, family === 4 ? 'ipv4' : 'ipv6');
}

/** The longest webhook URL accepted. */
export const MAX_WEBHOOK_URL_LENGTH = 2000;

/**
 * Why `text` cannot be a webhook's URL, or undefined when it can: http or https, no user name or
 * password in it, and (unless private addresses are allowed) not `localhost` nor a private IP
 * literal. A host name is checked again, when each delivery resolves it (`guardedLookup`).
 */
export function webhookUrlProblem(text: string, allowPrivate: boolean): string | undefined {
  if (text.length > MAX_WEBHOOK_URL_LENGTH) return `At most ${MAX_WEBHOOK_URL_LENGTH} characters.`;
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return 'Enter an absolute http(s) address, e.g. https://shop.example/hooks/kefu.';
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return 'Only http and https addresses.';
  if (url.username !== '' || url.password !== '') return 'Put no user name or password in the address.';
  if (allowPrivate) return undefined;
  const host = url.hostname.replace(/^\[|\]$/g, '').toLowerCase();
  const isLocalName = host === 'localhost' || host.endsWith('.localhost');
  if (isLocalName || (isIP(host) !== 0 && isPrivateAddress(host)))
    return 'A private or loopback address; set KEFU_WEBHOOKS_ALLOW_PRIVATE=1 to allow it.';
  return undefined;
}

/**
 * A DNS lookup for the webhook's HTTP request that refuses a name resolving to a private address,
 * at connect time, so a name that changes what it points to (DNS rebinding) is caught too.
 */
export const guardedLookup: LookupFunction = (hostname, options, callback) => {
  dnsLookup(hostname, options, (error, address, family) => {
    if (error) return callback(error, address, family);
    const addresses = Array.isArray(address) ? address.map((entry) => entry.address) : [address];
    const refused = addresses.find((candidate) => isPrivateAddress(candidate));
    if (refused !== undefined)
      return callback(
        Object.assign(new Error(`${hostname} resolves to a private address (${refused})`), { code: 'EPRIVATE' }),
        address,
        family,
      );
    callback(null, address, family);
  });
};
