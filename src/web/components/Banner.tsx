import { useEffect } from 'react';
import { announce } from '../announcer.js';
import { t } from '../i18n.js';
import { renderText, type Text } from './text.js';

/**
 * A calm message above the h1: "Organisation created" (success) or "Your session has ended"
 * (information). Also read out by the status region.
 */
export function SuccessBanner({
  message,
  variant = 'success',
}: {
  message: Text | null;
  variant?: 'success' | 'information';
}) {
  useEffect(() => {
    if (message) announce(renderText(message));
  }, [message]);
  if (!message) return null;
  return (
    <div className={`banner banner--${variant}`}>
      <p className="banner__title">{t(variant === 'success' ? 'banner.success' : 'banner.important')}</p>
      <p className="banner__message">{renderText(message)}</p>
    </div>
  );
}
