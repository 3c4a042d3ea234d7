// One polite live region for the results of asynchronous actions ("Changes saved", "12 more entries").

import { useSyncExternalStore } from 'react';

let message = '';
const listeners = new Set<() => void>();
let pending: ReturnType<typeof setTimeout> | undefined;

function setMessage(next: string): void {
  message = next;
  for (const listener of listeners) listener();
}

export function announce(text: string): void {
  // Clear first so that the same sentence twice in a row is still read out.
  setMessage('');
  clearTimeout(pending);
  pending = setTimeout(() => setMessage(text), 100);
}

/** Empties the region when the page changes, so that an old message is not read on the new page. */
export function clearAnnouncement(): void {
  clearTimeout(pending);
  setMessage('');
}

export function StatusRegion() {
  const current = useSyncExternalStore(
    (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    () => message,
  );
  return (
    <div role="status" className="visually-hidden" id="status-region">
      {current}
    </div>
  );
}
