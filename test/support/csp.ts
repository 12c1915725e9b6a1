/**
 * The strict Content-Security-Policy the end-to-end tests serve the demo under: no inline script or
 * style, no eval, Trusted Types enforced. Some tests allow a little more, and say why where they ask:
 * `blob:` images (photo thumbnails), the `dompurify` policy (browsers without the Sanitizer API).
 */
export function strictCsp(
  allow: { readonly images?: readonly string[]; readonly trustedTypes?: readonly string[] } = {},
) {
  return [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    "connect-src 'self' ws: wss:",
    ["img-src 'self' data:", ...(allow.images ?? []), 'https:'].join(' '),
    "object-src 'none'",
    "base-uri 'none'",
    "require-trusted-types-for 'script'",
    ['trusted-types lit-html', ...(allow.trustedTypes ?? [])].join(' '),
  ].join('; ');
}

/**
 * An init script (a string: tsx's helpers break functions handed to Playwright) that collects the
 * page's CSP violations in `window.cspViolations`.
 */
export const recordCspViolations = `
  window.cspViolations = [];
  document.addEventListener('securitypolicyviolation', (event) =>
    window.cspViolations.push(event.violatedDirective + ' ' + event.blockedURI));
`;
