/**
 * The routes the running service declared, shared by the HTTP server (which routes with them) and
 * the HTTP instrumentation hook (which puts the template, not the raw path, on server spans: raw
 * paths such as `/v1/features/u42` carry entity ids).
 */
export interface RouteTemplate {
  readonly method: string;
  /** e.g. `/v1/features/:user_id` */
  readonly template: string;
  readonly segments: readonly string[];
}

const declared: RouteTemplate[] = [];

/** Declares a route; returns its parsed form. */
export function declareRoute(method: string, template: string): RouteTemplate {
  const route = { method, template, segments: template.split('/') };
  declared.push(route);
  return route;
}

/** Path parameters when `path` matches `route`, else `undefined`. */
export function matchRoute(route: RouteTemplate, path: string): Record<string, string> | undefined {
  const parts = path.split('/');
  if (parts.length !== route.segments.length) return undefined;
  const params: Record<string, string> = {};
  for (let i = 0; i < parts.length; i++) {
    const segment = route.segments[i]!;
    if (segment.startsWith(':')) {
      if (parts[i] === '') return undefined;
      try {
        params[segment.slice(1)] = decodeURIComponent(parts[i]!);
      } catch {
        return undefined;
      }
    } else if (segment !== parts[i]) {
      return undefined;
    }
  }
  return params;
}

/** The template of the declared route `rawUrl` matches (any method), or `(unmatched)`. */
export function routeTemplateOf(rawUrl: string | undefined): string {
  const path = (rawUrl ?? '/').split('?')[0]!;
  for (const route of declared) if (matchRoute(route, path) !== undefined) return route.template;
  return '(unmatched)';
}
