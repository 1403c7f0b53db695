import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { PANEL_BUNDLE_PATH } from '@featurescope/panel';

/** A static answer: body, content type and headers. */
export interface StaticAsset {
  readonly body: string;
  readonly contentType: string;
  readonly headers: Readonly<Record<string, string>>;
}

/** Where the monitor serves the `@featurescope/panel` bundle (one ES module). */
export const PANEL_BUNDLE_ROUTE = '/panel.js';

// The page loads only the bundle from this origin and talks only to this origin.
const PAGE_CSP =
  "default-src 'none'; script-src 'self'; connect-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; " +
  "base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

const OVERVIEW_PAGE = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="color-scheme" content="light dark">
<title>featurescope monitor</title>
<link rel="icon" href="data:,">
<script type="module" src="${PANEL_BUNDLE_ROUTE}"></script>
</head>
<body>
<main>
<h1>featurescope monitor</h1>
<feature-monitor-overview></feature-monitor-overview>
</main>
</body>
</html>
`;

let bundle: StaticAsset | undefined;

/** `GET /`: the overview page (every feature, click one for its panel). */
export function overviewPage(): StaticAsset {
  return { body: OVERVIEW_PAGE, contentType: 'text/html; charset=utf-8', headers: { 'content-security-policy': PAGE_CSP } };
}

/** `GET /panel.js`: the component bundle, read once from the installed package. */
export function panelBundle(): StaticAsset {
  if (bundle === undefined) {
    const body = readFileSync(PANEL_BUNDLE_PATH, 'utf8');
    const etag = `"${createHash('sha256').update(body).digest('base64url').slice(0, 22)}"`;
    bundle = { body, contentType: 'text/javascript; charset=utf-8', headers: { etag, 'cache-control': 'no-cache' } };
  }
  return bundle;
}
