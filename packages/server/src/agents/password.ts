import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';

/**
 * Agents' passwords, hashed with Node's scrypt (no new dependency; decision 0023). The stored hash
 * carries its parameters, so they can be raised later and old hashes still verify:
 * `scrypt$N$r$p$<salt base64url>$<key base64url>`.
 *
 * N = 2^15, r = 8, p = 1 is OWASP's scrypt minimum: 32 MiB of memory and about 0.1 s on one core of
 * the machines Kefu is tested on. Sign-ins are few and rate-limited, so that cost is only an attacker's.
 */
export const SCRYPT_PARAMS = { N: 2 ** 15, r: 8, p: 1 } as const;
const KEY_LENGTH = 32;

function derive(password: string, salt: Buffer, params: { N: number; r: number; p: number }): Promise<Buffer> {
  const options: ScryptOptions = { ...params, maxmem: 128 * params.N * params.r * params.p + 1024 * 1024 };
  return new Promise((resolve, reject) =>
    scrypt(password.normalize('NFC'), salt, KEY_LENGTH, options, (error, key) =>
      error ? reject(error) : resolve(key),
    ),
  );
}

export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const key = await derive(password, salt, SCRYPT_PARAMS);
  const { N, r, p } = SCRYPT_PARAMS;
  return `scrypt$${N}$${r}$${p}$${salt.toString('base64url')}$${key.toString('base64url')}`;
}

/** A hash of nothing anyone knows: checked when the e-mail has no account, so both take as long. */
let dummy: Promise<string> | undefined;

/**
 * Whether `password` is the one `stored` was made from. With no stored hash (an unknown e-mail, an
 * invite not accepted yet) a dummy hash is checked all the same and the answer is false: the time
 * taken says nothing about whether the account exists.
 */
export async function verifyPassword(password: string, stored: string | null | undefined): Promise<boolean> {
  const hash = stored ?? (await (dummy ??= hashPassword(randomBytes(16).toString('hex'))));
  const [scheme, n, r, p, salt, key] = hash.split('$');
  if (scheme !== 'scrypt' || salt === undefined || key === undefined) return false;
  const expected = Buffer.from(key, 'base64url');
  const actual = await derive(password, Buffer.from(salt, 'base64url'), { N: Number(n), r: Number(r), p: Number(p) });
  return (
    stored !== null && stored !== undefined && actual.length === expected.length && timingSafeEqual(actual, expected)
  );
}

/** Why a new password is refused, or undefined when it will do. */
export function passwordProblem(password: string, account: { email: string; name: string }): string | undefined {
  if (password.length < 10) return 'Use at least 10 characters.';
  if (password.length > 200) return 'Use at most 200 characters.';
  const lower = password.toLowerCase();
  const local = account.email.toLowerCase().split('@')[0] ?? '';
  const guessable = [account.email.toLowerCase(), local, account.name.toLowerCase().replace(/\s+/g, '')].filter(
    (part) => part.length >= 3,
  );
  if (guessable.some((part) => lower.replace(/\s+/g, '').includes(part))) {
    return 'Do not use your e-mail address or your name in the password.';
  }
  if (new Set(lower).size < 4) return 'Use a less repetitive password.';
  return undefined;
}
