/** The deadline settings per kind of submission: one small form per kind. */
import type { FieldErrors } from '../../../platform/errors';
import { t } from '../../../platform/i18n';
import { ErrorSummary, Field, PostForm } from '../../../web/components/forms';

export interface SlaFormValues {
  kind: string;
  forwardWorkingDays: string;
  answerDays: string;
  answerInWorkingDays: boolean;
  updateEveryDays: string;
}

export function SlaPage(props: { csrfToken: string; forms: SlaFormValues[]; errorKind?: string | null; errors?: FieldErrors | null }) {
  return (
    <div>
      <h1>{t('deadlines.sla.title')}</h1>
      <p class="lead">{t('deadlines.sla.lead')}</p>
      <p>
        <a href="/admin/calendar">{t('deadlines.calendar.title')}</a>
      </p>
      {props.forms.map((f) => {
        const e = f.kind === props.errorKind ? (props.errors ?? {}) : {};
        const label = t(`feedback.kind.${f.kind}` as 'feedback.kind.feedback');
        const id = (name: string) => `${f.kind}-${name}`;
        return (
          <section key={f.kind} class="card" aria-labelledby={`sla-${f.kind}`}>
            <h2 id={`sla-${f.kind}`}>{label}</h2>
            {f.kind === props.errorKind ? <ErrorSummary errors={Object.fromEntries(Object.entries(e).map(([k, v]) => [id(k), v]))} /> : null}
            <PostForm action="/admin/feedback-sla" csrfToken={props.csrfToken}>
              <input type="hidden" name="kind" value={f.kind} />
              <Field name={id('forwardWorkingDays')} label={t('deadlines.sla.forwardWorkingDays')} type="number" inputMode="numeric" value={f.forwardWorkingDays} error={e.forwardWorkingDays} />
              <Field name={id('answerDays')} label={t('deadlines.sla.answerDays')} type="number" inputMode="numeric" value={f.answerDays} error={e.answerDays} />
              <div class="field">
                <label>
                  <input type="checkbox" id={`f-${id('answerInWorkingDays')}`} name={id('answerInWorkingDays')} value="on" checked={f.answerInWorkingDays} />{' '}
                  {t('deadlines.sla.answerInWorkingDays')}
                </label>
              </div>
              <Field name={id('updateEveryDays')} label={t('deadlines.sla.updateEveryDays')} type="number" inputMode="numeric" value={f.updateEveryDays} error={e.updateEveryDays} />
              <div class="form-actions">
                <button type="submit" class="button">
                  {t('deadlines.sla.save')} — {label}
                </button>
              </div>
            </PostForm>
          </section>
        );
      })}
    </div>
  );
}
