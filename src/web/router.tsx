// History-API routing without a library: a location store, navigate(), <Link> and path matching.

import { type AnchorHTMLAttributes, type MouseEvent, useEffect, useSyncExternalStore } from 'react';
import { clearAnnouncement } from './announcer.js';
import type { Text } from './components/text.js';

const listeners = new Set<() => void>();
let navigationCount = 0;
let flash: { path: string; message: Text } | null = null;
let returnTo: string | null = null;

function notify(): void {
  for (const listener of listeners) listener();
}

if (typeof window !== 'undefined') {
  window.addEventListener('popstate', () => {
    navigationCount += 1;
    flash = null;
    clearAnnouncement();
    notify();
  });
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function usePathname(): string {
  return useSyncExternalStore(subscribe, () => window.location.pathname);
}

/** How many in-app navigations have happened; 0 on the first page load. */
export function getNavigationCount(): number {
  return navigationCount;
}

export type NavigateOptions = {
  replace?: boolean;
  /** A one-off confirmation shown on the next page (kept in memory, never in storage). */
  flash?: Text;
};

export function navigate(to: string, options: NavigateOptions = {}): void {
  flash = options.flash ? { path: to, message: options.flash } : null;
  if (to !== `${window.location.pathname}${window.location.search}`) {
    if (options.replace) window.history.replaceState(null, '', to);
    else window.history.pushState(null, '', to);
  }
  navigationCount += 1;
  clearAnnouncement();
  window.scrollTo(0, 0);
  notify();
}

/** The confirmation message for this page, if the previous page left one. */
export function getFlash(pathname: string): Text | null {
  return flash && flash.path === pathname ? flash.message : null;
}

export function Redirect({ to }: { to: string }) {
  useEffect(() => navigate(to, { replace: true }), [to]);
  return null;
}

type LinkProps = AnchorHTMLAttributes<HTMLAnchorElement> & { href: string };

export function Link({ href, onClick, children, ...rest }: LinkProps) {
  const handleClick = (event: MouseEvent<HTMLAnchorElement>) => {
    onClick?.(event);
    if (event.defaultPrevented || event.button !== 0) return;
    if (event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    event.preventDefault();
    navigate(href);
  };
  return (
    <a href={href} onClick={handleClick} {...rest}>
      {children}
    </a>
  );
}

/** Matches "/users/:id" against a path; returns the decoded parameters or null. */
export function matchPath(pattern: string, pathname: string): Record<string, string> | null {
  const patternParts = pattern.split('/').filter(Boolean);
  const pathParts = pathname.replace(/\/+$/, '').split('/').filter(Boolean);
  if (patternParts.length !== pathParts.length) return null;
  const params: Record<string, string> = {};
  for (const [index, part] of patternParts.entries()) {
    const actual = pathParts[index] ?? '';
    if (part.startsWith(':')) {
      try {
        params[part.slice(1)] = decodeURIComponent(actual);
      } catch {
        return null;
      }
    } else if (part !== actual) return null;
  }
  return params;
}

/** Remembers the page a signed-out visitor asked for, to go there after signing in (memory only). */
export function setReturnTo(path: string): void {
  returnTo = path.startsWith('/') && !path.startsWith('//') && !path.startsWith('/login') ? path : null;
}

export function takeReturnTo(): string {
  const path = returnTo ?? '/';
  returnTo = null;
  return path;
}
