// Display helpers: amounts right-aligned with two decimals, dates in Chinese order.
import { chinaDateTime } from './clock';
export function yuan(amount: string | undefined): string {
  if (amount === undefined || amount === '') return '—';
  const [int, frac = ''] = amount.replace(/^-/, '').split('.');
  const grouped = int.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${amount.startsWith('-') ? '-' : ''}${grouped}.${(frac + '00').slice(0, 2)}`;
}

/** A stored instant as the receipt shows it: China time, to the second. */
export function dateTime(iso: string | undefined): string {
  if (!iso) return '—';
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : chinaDateTime(d);
}
