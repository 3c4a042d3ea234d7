import { type ReactNode, useEffect, useRef } from 'react';
import { t } from '../i18n.js';
import { getNavigationCount } from '../router.js';

let lastFocusedNavigation = 0;

type PageProps = {
  /** For document.title: never personal data. */
  title: string;
  /** The h1, when it differs from the title (it may name a record, e.g. an organisation). */
  heading?: ReactNode;
  /** A caption above the h1, e.g. the section. */
  caption?: string;
  /** Prefixes the title with "Error: " while a form shows errors. */
  hasErrors?: boolean;
  /** Focus the h1 when this page appears without a route change (a step inside one route). */
  focusOnMount?: boolean;
  /** Back link, banners and error summary: shown above the h1. */
  before?: ReactNode;
  children?: ReactNode;
};

/** Every screen's frame: sets document.title and moves focus to the h1 after a route change. */
export function Page({
  title,
  heading,
  caption,
  hasErrors = false,
  focusOnMount = false,
  before,
  children,
}: PageProps) {
  const headingRef = useRef<HTMLHeadingElement>(null);

  useEffect(() => {
    const pageTitle = t('title.page', { title });
    document.title = hasErrors ? t('title.withError', { title: pageTitle }) : pageTitle;
  }, [title, hasErrors]);

  useEffect(() => {
    const navigation = getNavigationCount();
    const focusLost = document.activeElement === null || document.activeElement === document.body;
    if (focusOnMount || (navigation > 0 && (navigation !== lastFocusedNavigation || focusLost))) {
      headingRef.current?.focus();
      lastFocusedNavigation = navigation;
    }
  }, [focusOnMount]);

  return (
    <>
      {before}
      {caption ? <span className="caption">{caption}</span> : null}
      <h1 className="heading-xl" ref={headingRef} tabIndex={-1}>
        {heading ?? title}
      </h1>
      {children}
    </>
  );
}
