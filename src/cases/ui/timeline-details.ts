// The coded fields of a timeline entry (ADR 0024: `details`, only where need-to-know allows) in
// words, read through the event's own form description (event-forms.ts), so each field carries the
// label and vocabulary the user recorded it with. Fields the description does not know are left
// out rather than shown raw: the server may send more than the screen has words for.

import { getLanguage, locales, t } from '../../web/i18n.js';
import { formatDate } from './dates.js';
import { findEventForm } from './event-forms.js';
import { label } from './types.js';

export type DetailRow = { key: string; label: string; value: string };

const isIsoDate = (value: unknown): value is string =>
  typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value);

/** The rows to show for one entry; empty when there are no details or none have words. */
export function detailRows(
  type: string,
  details: Record<string, unknown> | null | undefined,
  organisationName: (id: string) => string,
): DetailRow[] {
  if (!details) return [];
  const description = findEventForm(type);
  if (!description) return [];
  const rows: DetailRow[] = [];
  for (const field of description.fields) {
    if (field.name === 'occurredOn' || !(field.name in details)) continue;
    const raw = details[field.name];
    if (raw === null || raw === undefined) continue;
    let value: string | null = null;
    switch (field.kind) {
      case 'choice':
        value = typeof raw === 'string' ? label(field.prefix, raw) : null;
        break;
      case 'multi':
        value = Array.isArray(raw)
          ? raw.length > 0
            ? raw.map((entry) => label(field.prefix, String(entry))).join(', ')
            : t('referral.noCategories')
          : null;
        break;
      case 'yesNo':
      case 'confirm':
        value = typeof raw === 'boolean' ? t(raw ? 'answer.yes' : 'answer.no') : null;
        break;
      case 'date':
        value = isIsoDate(raw) ? formatDate(raw) : null;
        break;
      case 'organisation':
        value = typeof raw === 'string' ? organisationName(raw) : null;
        break;
      case 'country':
      case 'recordId':
      case 'newId':
        value = typeof raw === 'string' ? raw : null;
        break;
      case 'money': {
        const money = raw as { amountMinorUnits?: unknown; currency?: unknown };
        value =
          typeof money.amountMinorUnits === 'number' && typeof money.currency === 'string'
            ? new Intl.NumberFormat(locales[getLanguage()], {
                style: 'currency',
                currency: money.currency,
              }).format(money.amountMinorUnits / 100)
            : null;
        break;
      }
    }
    if (value !== null) rows.push({ key: field.name, label: t(field.legend), value });
  }
  return rows;
}
