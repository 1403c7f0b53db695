import { describe, expect, it } from 'vitest';
import { declareRoute, matchRoute, routeTemplateOf } from '../src/route-templates.js';

describe('route templates', () => {
  it('match paths, decode parameters, and name spans by template so raw ids stay out', () => {
    const route = declareRoute('GET', '/v1/features/:user_id');
    expect(matchRoute(route, '/v1/features/u%2042')).toEqual({ user_id: 'u 42' });
    expect(matchRoute(route, '/v1/features/')).toBeUndefined();
    expect(matchRoute(route, '/v1/features/a/b')).toBeUndefined();
    expect(matchRoute(route, '/v1/features/%E0%A4%A')).toBeUndefined();
    expect(routeTemplateOf('/v1/features/u42?features=a')).toBe('/v1/features/:user_id');
    expect(routeTemplateOf('/v2/secret/u42')).toBe('(unmatched)');
  });
});
