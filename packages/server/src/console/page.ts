/**
 * The console's one HTML page: a module script and a stylesheet from this origin, nothing inline,
 * so it runs under a strict Content-Security-Policy (Lit's styles are constructable stylesheets).
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "connect-src 'self'",
  "img-src 'self' data:",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

export const consolePage = `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1" />
    <meta name="referrer" content="no-referrer" />
    <title>Kefu agent console</title>
    <link rel="icon" href="data:," />
    <link rel="stylesheet" href="/agent/console.css" />
    <script type="module" src="/agent/console.js"></script>
  </head>
  <body>
    <kefu-console></kefu-console>
  </body>
</html>
`;

export const consoleStyles = `html, body { margin: 0; height: 100%; }
body {
  font: 14px/1.45 system-ui, -apple-system, 'Segoe UI', Roboto, 'Noto Sans', 'Noto Sans SC', sans-serif;
  color: #1d2330;
  background: #f3f5f8;
}
kefu-console { height: 100%; }
`;
