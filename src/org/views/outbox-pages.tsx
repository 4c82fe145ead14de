/** The mail outbox for root administrators: a newest-first list and one message in full. */
import { formatDateTime, t } from '../../platform/i18n';
import { PostForm } from '../../web/components/forms';
import type { OutboxStatus } from '../../platform/mail/queries';
import { Breadcrumbs, OutboxStatusChip, Pager, ScrollRegion, SummaryRow } from './common';

export interface OutboxRowView {
  id: string;
  toAddress: string;
  subject: string;
  status: OutboxStatus;
  createdAt: Date;
}

export function OutboxListPage(props: { rows: OutboxRowView[]; firstHref: string | null; nextHref: string | null }) {
  return (
    <div>
      <h1>{t('admin.outbox.title')}</h1>
      <p class="lead">{t('admin.outbox.lead')}</p>
      {props.rows.length === 0 ? (
        <p>{t('admin.outbox.empty')}</p>
      ) : (
        <ScrollRegion label={t('admin.outbox.title')}>
          <table class="data-table">
            <thead>
              <tr>
                <th scope="col">{t('admin.outbox.time')}</th>
                <th scope="col">{t('common.status')}</th>
                <th scope="col">{t('admin.outbox.to')}</th>
                <th scope="col">{t('admin.outbox.subject')}</th>
              </tr>
            </thead>
            <tbody>
              {props.rows.map((m) => (
                <tr key={m.id}>
                  <td class="numeric">
                    <time dateTime={m.createdAt.toISOString()}>{formatDateTime(m.createdAt)}</time>
                  </td>
                  <td>
                    <OutboxStatusChip status={m.status} />
                  </td>
                  <td>{m.toAddress}</td>
                  <td>
                    <a href={`/admin/outbox/${m.id}`}>{m.subject}</a>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollRegion>
      )}
      <Pager firstHref={props.firstHref} nextHref={props.nextHref} />
    </div>
  );
}

export function OutboxMessagePage(props: {
  message: {
    toAddress: string;
    subject: string;
    bodyText: string;
    status: OutboxStatus;
    attempts: number;
    lastError: string | null;
    createdAt: Date;
    sentAt: Date | null;
  };
  /** the form to queue it again, when the viewer may and the message qualifies */
  resend: { action: string; csrfToken: string } | null;
}) {
  const m = props.message;
  return (
    <div>
      <Breadcrumbs label={t('org.unit.breadcrumb')} items={[{ href: '/admin/outbox', label: t('admin.outbox.title') }, { label: m.subject }]} />
      <h1>{m.subject}</h1>
      <dl class="summary-list">
        <SummaryRow label={t('admin.outbox.to')}>{m.toAddress}</SummaryRow>
        <SummaryRow label={t('common.status')}>
          <OutboxStatusChip status={m.status} />
        </SummaryRow>
        <SummaryRow label={t('admin.outbox.time')}>{formatDateTime(m.createdAt)}</SummaryRow>
        {m.sentAt ? <SummaryRow label={t('admin.outbox.sentAt')}>{formatDateTime(m.sentAt)}</SummaryRow> : null}
        <SummaryRow label={t('admin.outbox.attempts')}>{String(m.attempts)}</SummaryRow>
        {m.lastError ? <SummaryRow label={t('admin.outbox.lastError')}>{m.lastError}</SummaryRow> : null}
      </dl>
      {m.status === 'unconfirmed' ? <p class="notice notice-warning">{t('admin.outbox.unconfirmedHelp')}</p> : null}
      {props.resend ? (
        <PostForm action={props.resend.action} csrfToken={props.resend.csrfToken}>
          <button type="submit" class="button button-secondary">
            {t('admin.outbox.resend')}
          </button>
        </PostForm>
      ) : null}
      <h2>{t('admin.outbox.body')}</h2>
      <pre>{m.bodyText}</pre>
      <p>
        <a href="/admin/outbox">{t('admin.outbox.back')}</a>
      </p>
    </div>
  );
}
