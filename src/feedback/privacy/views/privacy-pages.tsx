/**
 * Pages for a submitter's personal-data requests: the public form (code + PIN, then export or
 * erase), the erasure confirmation and its result, and the staff form for requests made in writing.
 * Plain POST forms: everything works without JavaScript; the PIN never goes into a URL.
 */
import type { FieldErrors } from '../../../platform/errors';
import { t } from '../../../platform/i18n';
import { ErrorSummary, Field, PostForm, TextArea } from '../../../web/components/forms';

export function MyDataForm(props: { csrfToken: string; code: string; errors?: FieldErrors | null; message?: string | null }) {
  return (
    <div>
      <h1>{t('feedback.privacy.title')}</h1>
      <p class="lead">{t('feedback.privacy.lead')}</p>
      <ErrorSummary errors={props.errors} message={props.message} />
      <PostForm action="/feedback/my-data" csrfToken={props.csrfToken}>
        <Field name="code" label={t('intake.lookup.code')} value={props.code} autocomplete="off" maxLength={40} />
        <Field name="pin" type="password" label={t('intake.lookup.pin')} value="" autocomplete="off" inputMode="numeric" maxLength={20} />
        <div class="form-actions">
          <button type="submit" name="action" value="export" class="button">
            {t('feedback.privacy.export')}
          </button>
          <button type="submit" name="action" value="erase" class="button button-secondary">
            {t('feedback.privacy.erase')}
          </button>
        </div>
      </PostForm>
    </div>
  );
}

function WhatHappens() {
  return (
    <ul>
      <li>{t('feedback.privacy.willErase')}</li>
      <li>{t('feedback.privacy.willKeep')}</li>
    </ul>
  );
}

export function ConfirmErasePage(props: { csrfToken: string; code: string; pin: string; error?: string | null }) {
  return (
    <div>
      <h1>{t('feedback.privacy.confirmTitle')}</h1>
      <ErrorSummary errors={props.error ? { confirm: props.error } : null} />
      <p class="lead">{t('feedback.privacy.confirmLead', { code: props.code })}</p>
      <WhatHappens />
      <PostForm action="/feedback/my-data/erase" csrfToken={props.csrfToken}>
        <input type="hidden" name="code" value={props.code} />
        <input type="hidden" name="pin" value={props.pin} />
        <div class={props.error ? 'field field-error' : 'field'} id="f-confirm">
          {props.error ? <p class="error-message">{props.error}</p> : null}
          <input type="checkbox" id="f-confirm-box" name="confirm" value="on" />
          <label for="f-confirm-box">{t('feedback.privacy.confirmBox')}</label>
        </div>
        <div class="form-actions">
          <button type="submit" class="button button-danger">
            {t('feedback.privacy.confirmSubmit')}
          </button>
          <a href="/feedback/my-data">{t('feedback.privacy.cancel')}</a>
        </div>
      </PostForm>
    </div>
  );
}

export function ErasedPage(props: { code: string; alreadyErased: boolean }) {
  return (
    <div>
      <h1>{t('feedback.privacy.doneTitle')}</h1>
      <p class="lead" role="status">
        {props.alreadyErased ? t('feedback.privacy.alreadyErased') : t('feedback.privacy.done', { code: props.code })}
      </p>
      <p>
        <a href="/feedback/lookup">{t('intake.lookup.title')}</a>
      </p>
    </div>
  );
}

export function StaffPrivacyPage(props: {
  csrfToken: string;
  code?: string;
  reason?: string;
  errors?: FieldErrors | null;
  message?: string | null;
  notice?: string | null;
}) {
  return (
    <div>
      <h1>{t('feedback.privacy.staffTitle')}</h1>
      <p class="lead">{t('feedback.privacy.staffLead')}</p>
      {props.notice ? (
        <p class="notice" role="status">
          {props.notice}
        </p>
      ) : null}
      <ErrorSummary errors={props.errors} message={props.message} />
      <PostForm action="/admin/personal-data" csrfToken={props.csrfToken}>
        <Field name="code" label={t('feedback.privacy.code')} value={props.code ?? ''} autocomplete="off" maxLength={40} error={props.errors?.code} />
        <TextArea name="reason" label={t('feedback.privacy.reason')} value={props.reason ?? ''} rows={2} error={props.errors?.reason} />
        <WhatHappens />
        <div class={props.errors?.confirm ? 'field field-error' : 'field'} id="f-confirm">
          {props.errors?.confirm ? <p class="error-message">{props.errors.confirm}</p> : null}
          <input type="checkbox" id="f-confirm-box" name="confirm" value="on" />
          <label for="f-confirm-box">{t('feedback.privacy.confirmBox')}</label>
        </div>
        <div class="form-actions">
          <button type="submit" name="action" value="export" class="button">
            {t('feedback.privacy.export')}
          </button>
          <button type="submit" name="action" value="erase" class="button button-danger">
            {t('feedback.privacy.confirmSubmit')}
          </button>
        </div>
      </PostForm>
    </div>
  );
}
