import { createHmac, randomBytes } from 'node:crypto';

/** A webhook endpoint's signing secret: `whsec_` and 32 random bytes, base64url. */
export const newWebhookSecret = (): string => `whsec_${randomBytes(32).toString('base64url')}`;

/**
 * The `Kefu-Webhook-Signature` header's value (decision 0022): `v1=` and the hex HMAC-SHA256,
 * keyed with the whole secret's UTF-8 bytes (`whsec_` included), of `<timestamp>.<body>` — the
 * `Kefu-Webhook-Timestamp` header (unix seconds), a dot, and the body exactly as sent.
 */
export function webhookSignature(secret: string, timestampSeconds: number, body: string): string {
  return `v1=${createHmac('sha256', secret).update(`${timestampSeconds}.${body}`).digest('hex')}`;
}
