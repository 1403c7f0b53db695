import { css } from 'lit';

/**
 * Colours and type of every component, as CSS custom properties a page can set on the element or
 * an ancestor (`feature-monitor-panel { --fm-current: teal }`). Light by default, dark with the
 * user's preference, forced with `theme="light"` / `theme="dark"`. Defaults meet WCAG AA contrast.
 */
export const themeStyles = css`
  :host {
    --_bg: var(--fm-background, #ffffff);
    --_fg: var(--fm-foreground, #1f2328);
    --_muted: var(--fm-muted, #57606a);
    --_border: var(--fm-border, #d0d7de);
    --_surface: var(--fm-surface, #f6f8fa);
    --_current: var(--fm-current, #0969da);
    --_baseline: var(--fm-baseline, #6e7781);
    --_focus: var(--fm-focus, #bf3989);
    --_ok: var(--fm-ok, #1a7f37);
    --_warn: var(--fm-warn, #9a6700);
    --_drift: var(--fm-drift, #cf222e);
    display: block;
    color-scheme: light;
    font-family: var(--fm-font-family, system-ui, -apple-system, 'Segoe UI', sans-serif);
    font-size: var(--fm-font-size, 14px);
    color: var(--_fg);
    background: var(--_bg);
  }
  @media (prefers-color-scheme: dark) {
    :host(:not([theme='light'])) {
      --_bg: var(--fm-background, #0d1117);
      --_fg: var(--fm-foreground, #e6edf3);
      --_muted: var(--fm-muted, #9198a1);
      --_border: var(--fm-border, #3d444d);
      --_surface: var(--fm-surface, #151b23);
      --_current: var(--fm-current, #4493f8);
      --_baseline: var(--fm-baseline, #9198a1);
      --_focus: var(--fm-focus, #f778ba);
      --_ok: var(--fm-ok, #3fb950);
      --_warn: var(--fm-warn, #d29922);
      --_drift: var(--fm-drift, #f85149);
      color-scheme: dark;
    }
  }
  :host([theme='dark']) {
    --_bg: var(--fm-background, #0d1117);
    --_fg: var(--fm-foreground, #e6edf3);
    --_muted: var(--fm-muted, #9198a1);
    --_border: var(--fm-border, #3d444d);
    --_surface: var(--fm-surface, #151b23);
    --_current: var(--fm-current, #4493f8);
    --_baseline: var(--fm-baseline, #9198a1);
    --_focus: var(--fm-focus, #f778ba);
    --_ok: var(--fm-ok, #3fb950);
    --_warn: var(--fm-warn, #d29922);
    --_drift: var(--fm-drift, #f85149);
    color-scheme: dark;
  }
  .muted {
    color: var(--_muted);
  }
  .badge {
    display: inline-block;
    padding: 0 0.5em;
    border: 1px solid currentColor;
    border-radius: 1em;
    font-size: 0.85em;
    font-weight: 600;
    line-height: 1.5;
    white-space: nowrap;
  }
  .badge[data-state='ok'] {
    color: var(--_ok);
  }
  .badge[data-state='warn'] {
    color: var(--_warn);
  }
  .badge[data-state='drift'],
  .badge[data-state='stale'] {
    color: var(--_drift);
  }
  .badge[data-state='none'],
  .badge[data-state='fresh'] {
    color: var(--_muted);
  }
  .notice {
    padding: 0.4em 0.6em;
    border-left: 3px solid var(--_drift);
    background: var(--_surface);
  }
  :focus-visible {
    outline: 2px solid var(--_focus);
    outline-offset: 1px;
  }
  .visually-hidden {
    position: absolute;
    width: 1px;
    height: 1px;
    overflow: hidden;
    clip-path: inset(50%);
    white-space: nowrap;
  }
`;

/** Label of a drift state badge: the state, or why there is none. */
export function driftLabel(state: string | null, hasBaseline: boolean): { text: string; state: string } {
  if (state !== null) return { text: state, state };
  return { text: hasBaseline ? 'too few values' : 'no baseline', state: 'none' };
}
