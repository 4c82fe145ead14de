/**
 * The lookup page: a POST-only form for code + PIN (the PIN never goes into a URL), then the case
 * as its submitter sees it — kind, status, public timeline, the answer, an open information
 * request with a reply form, and the rating form once answered. Code and PIN travel onward as
 * hidden fields in each form's body.
 */
import type { FieldErrors } from '../../../platform/errors';
import { type MessageKey, formatDateTime, hasMessage, t } from '../../../platform/i18n';
import { CsrfField, ErrorSummary, Field, FileField, PostForm, TextArea } from '../../../web/components/forms';
import { MAX_FEEDBACK_FILE_MB, MAX_FEEDBACK_FILES } from '../attachments';
import type { LookupCase } from '../queries';

export type { LookupCase };

function statusChipClass(status: string) {
  if (status === 'answered' || status === 'closed') return 'chip chip-success';
  if (status === 'rejected') return 'chip chip-danger';
  if (status === 'awaiting_info') return 'chip chip-warning';
  return 'chip chip-neutral';
}

/** An event's label, its params drawn from the event data (strings and numbers only). */
export function eventLabel(type: string, data: unknown): string {
  const key = `feedback.event.${type}`;
  if (!hasMessage(key)) return type;
  const params: Record<string, string | number> = {};
  for (const [k, v] of Object.entries((data ?? {}) as Record<string, unknown>)) {
    if (typeof v === 'string' || typeof v === 'number') params[k] = v;
  }
  if (typeof params.channel === 'string' && hasMessage(`feedback.channel.${params.channel}`)) params.channel = t(`feedback.channel.${params.channel}` as MessageKey);
  if (typeof params.reason === 'string' && hasMessage(`feedback.reject.${params.reason}`)) params.reason = t(`feedback.reject.${params.reason}` as MessageKey);
  if (typeof params.decision === 'string' && hasMessage(`feedback.decision.${params.decision}`)) params.decision = t(`feedback.decision.${params.decision}` as MessageKey);
  if (params.unit === undefined && typeof params.unitName === 'string') params.unit = params.unitName;
  return t(key as MessageKey, params).replace(/\{\w+\}/g, '').trim();
}

export function LookupForm(props: { csrfToken: string; code: string; errors?: FieldErrors | null; message?: string | null }) {
  return (
    <div>
      <h1>{t('intake.lookup.title')}</h1>
      <p class="lead">{t('intake.lookup.lead')}</p>
      <ErrorSummary errors={props.errors} message={props.message} />
      <PostForm action="/feedback/lookup" csrfToken={props.csrfToken}>
        <Field name="code" label={t('intake.lookup.code')} value={props.code} autocomplete="off" maxLength={40} />
        <Field name="pin" type="password" label={t('intake.lookup.pin')} value="" autocomplete="off" inputMode="numeric" maxLength={20} />
        <div class="form-actions">
          <button type="submit" class="button">
            {t('intake.lookup.submit')}
          </button>
        </div>
      </PostForm>
    </div>
  );
}

function Secrets(props: { code: string; pin: string }) {
  return (
    <>
      <input type="hidden" name="code" value={props.code} />
      <input type="hidden" name="pin" value={props.pin} />
    </>
  );
}

export function LookupCasePage(props: {
  csrfToken: string;
  pin: string;
  view: LookupCase;
  notice?: string | null;
  errors?: FieldErrors | null;
  message?: string | null;
  reply?: string;
  rating?: string;
  comment?: string;
}) {
  const c = props.view;
  const e = props.errors ?? {};
  return (
    <div>
      <h1>{c.title}</h1>
      {props.notice ? (
        <p class="notice notice-success" role="status">
          {props.notice}
        </p>
      ) : null}
      <ErrorSummary errors={props.errors} message={props.message} />
      <dl class="summary-list">
        <dt>{t('intake.lookup.code')}</dt>
        <dd class="mono">{c.code}</dd>
        <dt>{t('intake.lookup.kind')}</dt>
        <dd>{t(`feedback.kind.${c.kind}` as MessageKey)}</dd>
        <dt>{t('intake.lookup.status')}</dt>
        <dd>
          <span class={statusChipClass(c.status)} data-status={c.status}>
            {t(`feedback.status.${c.status}` as MessageKey)}
          </span>
        </dd>
        <dt>{t('intake.lookup.submittedAt')}</dt>
        <dd>{formatDateTime(c.createdAt)}</dd>
      </dl>
      {c.infoRequest ? (
        <section aria-labelledby="info-title" class="card">
          <h2 id="info-title">{t('intake.lookup.infoRequest')}</h2>
          <p class="muted">{formatDateTime(c.infoRequest.askedAt)}</p>
          <p class="preserve-lines">{c.infoRequest.question}</p>
          <form method="post" action="/feedback/lookup/reply" enctype="multipart/form-data" noValidate>
            <CsrfField token={props.csrfToken} />
            <Secrets code={c.code} pin={props.pin} />
            <TextArea name="reply" label={t('intake.lookup.reply')} value={props.reply ?? ''} error={e.reply} rows={6} />
            <FileField name="files" label={t('intake.field.files')} hint={t('intake.field.filesHint')} accept=".pdf,.doc,.docx,.xls,.xlsx,.jpg,.jpeg,.png" error={e.files} data={{ 'max-files': String(MAX_FEEDBACK_FILES), 'max-mb': String(MAX_FEEDBACK_FILE_MB) }} />
            <div class="form-actions">
              <button type="submit" class="button">
                {t('intake.lookup.replySubmit')}
              </button>
            </div>
          </form>
        </section>
      ) : null}
      {c.publicAnswer && (c.status === 'answered' || c.status === 'closed') ? (
        <section aria-labelledby="answer-title">
          <h2 id="answer-title">{t('intake.lookup.answer')}</h2>
          {c.answeredAt ? <p class="muted">{formatDateTime(c.answeredAt)}</p> : null}
          <div class="preserve-lines card">{c.publicAnswer}</div>
        </section>
      ) : null}
      {c.status === 'answered' && c.rating == null ? (
        <section aria-labelledby="rate-title">
          <h2 id="rate-title">{t('intake.lookup.rateTitle')}</h2>
          <PostForm action="/feedback/lookup/rate" csrfToken={props.csrfToken}>
            <Secrets code={c.code} pin={props.pin} />
            <fieldset class={e.rating ? 'field field-error' : 'field'} id="f-rating">
              <legend>{t('intake.lookup.rating')}</legend>
              {e.rating ? <p class="error-message">{e.rating}</p> : null}
              {[5, 4, 3, 2, 1].map((n) => (
                <div key={n} class="radio-item">
                  <input type="radio" id={`f-rating-${n}`} name="rating" value={String(n)} checked={props.rating === String(n)} />
                  <label for={`f-rating-${n}`}>{t(`intake.rating.${n}` as MessageKey)}</label>
                </div>
              ))}
            </fieldset>
            <TextArea name="comment" label={t('intake.lookup.ratingComment')} value={props.comment ?? ''} error={e.comment} rows={3} />
            <div class="form-actions">
              <button type="submit" class="button">
                {t('intake.lookup.rateSubmit')}
              </button>
            </div>
          </PostForm>
        </section>
      ) : null}
      {c.rating != null ? <p>{t('intake.lookup.yourRating', { rating: c.rating })}</p> : null}
      <section aria-labelledby="timeline-title">
        <h2 id="timeline-title">{t('intake.lookup.timeline')}</h2>
        <ol class="timeline plain-list">
          {c.timeline.map((ev, i) => (
            <li key={i}>
              <span class="muted">{formatDateTime(ev.createdAt)}</span> — {eventLabel(ev.type, ev.data)}
            </li>
          ))}
        </ol>
      </section>
    </div>
  );
}
