/** Small building blocks shared by the directory and administration pages. */
import type { ComponentChildren } from 'preact';
import { formatDateTime, t } from '../../platform/i18n';
import type { OutboxStatus } from '../../platform/mail/queries';

export interface Crumb {
  href?: string;
  label: string;
}

/** Breadcrumbs; the last crumb is the current page. */
export function Breadcrumbs(props: { items: Crumb[]; label: string }) {
  return (
    <nav class="breadcrumbs" aria-label={props.label}>
      <ol>
        {props.items.map((c, i) => (
          <li key={`${i}-${c.label}`}>
            {c.href && i < props.items.length - 1 ? <a href={c.href}>{c.label}</a> : <span aria-current="page">{c.label}</span>}
          </li>
        ))}
      </ol>
    </nav>
  );
}

/** Keyset pagination: back to the first page, and on to the next one when there is one. */
export function Pager(props: { firstHref: string | null; nextHref: string | null }) {
  if (!props.firstHref && !props.nextHref) return null;
  return (
    <nav class="pagination" aria-label={t('org.pager.label')}>
      <ul>
        {props.firstHref ? (
          <li>
            <a href={props.firstHref}>{t('org.pager.first')}</a>
          </li>
        ) : null}
        {props.nextHref ? (
          <li>
            <a href={props.nextHref} rel="next">
              {t('pager.next')}
            </a>
          </li>
        ) : null}
      </ul>
    </nav>
  );
}

/** A URL with query parameters, leaving out empty ones. */
export function hrefWith(path: string, params: Record<string, string | null | undefined>): string {
  const qs = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v) qs.set(k, v);
  const s = qs.toString();
  return s ? `${path}?${s}` : path;
}

/** A horizontally scrollable, keyboard-reachable wrapper for wide tables and text on small screens. */
export function ScrollRegion(props: { label: string; children: ComponentChildren }) {
  return (
    // A region that may scroll sideways must be reachable by keyboard (WCAG 2.1.1).
    // biome-ignore lint/a11y/noNoninteractiveTabindex: keyboard users scroll it
    <section class="table-wrap" aria-label={props.label} tabIndex={0}>
      {props.children}
    </section>
  );
}

/** One row of a `summary-list`. */
export function SummaryRow(props: { label: string; children: ComponentChildren }) {
  return (
    <div>
      <dt>{props.label}</dt>
      <dd>{props.children}</dd>
    </div>
  );
}

export function UserStatusChip(props: { status: 'active' | 'disabled' }) {
  return props.status === 'active' ? (
    <span class="chip chip-success">{t('user.status.active')}</span>
  ) : (
    <span class="chip chip-neutral">{t('user.status.disabled')}</span>
  );
}

export function LockedChip(props: { lockedUntil: Date | null; now?: Date }) {
  if (!props.lockedUntil || props.lockedUntil <= (props.now ?? new Date())) return null;
  return (
    <span class="chip chip-warning" title={formatDateTime(props.lockedUntil)}>
      {t('user.locked')}
    </span>
  );
}

const OUTBOX_CHIP: Record<OutboxStatus, string> = {
  queued: 'chip chip-warning',
  sent: 'chip chip-success',
  failed: 'chip chip-danger',
  stored: 'chip chip-neutral',
  sending: 'chip chip-warning',
  unconfirmed: 'chip chip-danger',
};

export function OutboxStatusChip(props: { status: OutboxStatus }) {
  return <span class={OUTBOX_CHIP[props.status]}>{t(`admin.outbox.status.${props.status}`)}</span>;
}
