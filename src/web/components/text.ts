import { type MessageKey, type MessageParams, t } from '../i18n.js';

/**
 * Text to show later: either words from the server (already in a language) or a message key that is
 * translated at render time, so that switching language also switches messages already on screen.
 */
export type Text = string | { key: MessageKey; params?: MessageParams };

export function renderText(text: Text): string {
  return typeof text === 'string' ? text : t(text.key, text.params);
}
