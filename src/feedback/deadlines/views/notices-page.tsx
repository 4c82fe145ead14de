/** The signed-in user's PAKN deadline notices (reminders and escalations), newest first. */
import { formatIsoDate } from '../../../monitoring/dates';
import { formatDateTime, t } from '../../../platform/i18n';
import { PostForm } from '../../../web/components/forms';
import type { FeedbackNoticeKind } from '../schema';

export interface NoticeView {
  id: string;
  kind: FeedbackNoticeKind;
  dueOn: string;
  createdAt: Date;
  readAt: Date | null;
  code: string;
  title: string;
  unitName: string | null;
}

export function NoticesPage(props: { csrfToken: string; notices: NoticeView[]; unread: number }) {
  return (
    <div>
      <h1>{t('deadlines.notices.title')}</h1>
      <p class="lead">{t('deadlines.notices.lead')}</p>
      <p>
        <a href="/cases/overdue">{t('deadlines.overdue.title')}</a>
      </p>
      {props.notices.length === 0 ? (
        <p>{t('deadlines.notices.empty')}</p>
      ) : (
        <>
          {props.unread > 0 ? (
            <PostForm action="/cases/notices/read" csrfToken={props.csrfToken} class="inline-form">
              <button type="submit" class="button button-secondary">
                {t('deadlines.notices.markAll', { count: props.unread })}
              </button>
            </PostForm>
          ) : null}
          <ul class="plain-list">
            {props.notices.map((n) => (
              <li key={n.id} class="card">
                <p>
                  <span class={n.readAt ? 'chip chip-neutral' : 'chip chip-warning'}>{n.readAt ? t('deadlines.notices.read') : t('deadlines.notices.unread')}</span>{' '}
                  <strong>{t(`deadlines.notice.${n.kind}`)}</strong>
                </p>
                <p>
                  <a href={`/cases/${n.code}`} class="mono">
                    {n.code}
                  </a>{' '}
                  — {n.title}
                </p>
                <p class="muted">
                  {n.unitName ? `${n.unitName} · ` : ''}
                  {t('deadlines.notices.due', { date: formatIsoDate(n.dueOn) })} · {formatDateTime(n.createdAt)}
                </p>
              </li>
            ))}
          </ul>
        </>
      )}
    </div>
  );
}
