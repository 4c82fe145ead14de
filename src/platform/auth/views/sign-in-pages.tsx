/** Sign-in pages: e-mail and password, then the second factor (or its enrolment for admins). */
import { ErrorSummary, Field, PostForm } from '../../../web/components/forms';
import type { FieldErrors } from '../../errors';
import { t } from '../../i18n';

export function LoginPage(props: { csrfToken: string; email?: string; next: string; message?: string | null; errors?: FieldErrors | null }) {
  return (
    <div class="prose">
      <h1>{t('auth.login.title')}</h1>
      <p class="lead">{t('auth.login.lead')}</p>
      <ErrorSummary
        message={props.message}
        errors={props.errors}
        labels={{ email: t('auth.login.email'), password: t('auth.login.password') }}
      />
      <PostForm action="/login" csrfToken={props.csrfToken} class="card">
        <input type="hidden" name="next" value={props.next} />
        <Field name="email" label={t('auth.login.email')} type="email" value={props.email} error={props.errors?.email} autocomplete="username" required maxLength={254} />
        <Field name="password" label={t('auth.login.password')} type="password" error={props.errors?.password} autocomplete="current-password" required />
        <div class="form-actions">
          <button type="submit" class="button">
            {t('auth.login.submit')}
          </button>
          <a href="/password/forgot">{t('auth.login.forgot')}</a>
        </div>
      </PostForm>
    </div>
  );
}

function CancelSignIn(props: { csrfToken: string }) {
  return (
    <PostForm action="/logout" csrfToken={props.csrfToken} class="inline-form">
      <button type="submit" class="button-link">
        {t('auth.totp.cancel')}
      </button>
    </PostForm>
  );
}

function CodeField(props: { error?: string }) {
  return (
    <Field
      name="code"
      label={t('auth.totp.code')}
      hint={t('auth.totp.codeHint')}
      error={props.error}
      autocomplete="one-time-code"
      inputMode="numeric"
      maxLength={9}
      required
    />
  );
}

export function SecondFactorPage(props: { csrfToken: string; next: string; message?: string | null; errors?: FieldErrors | null }) {
  return (
    <div class="prose">
      <h1>{t('auth.totp.title')}</h1>
      <p class="lead">{t('auth.totp.lead')}</p>
      <ErrorSummary message={props.message} errors={props.errors} labels={{ code: t('auth.totp.code') }} />
      <PostForm action="/login/2fa" csrfToken={props.csrfToken} class="card">
        <input type="hidden" name="next" value={props.next} />
        <CodeField error={props.errors?.code} />
        <div class="form-actions">
          <button type="submit" class="button">
            {t('auth.totp.submit')}
          </button>
        </div>
      </PostForm>
      <CancelSignIn csrfToken={props.csrfToken} />
    </div>
  );
}

export function TotpSetupPage(props: {
  csrfToken: string;
  next: string;
  qrDataUri: string;
  secret: string;
  /** true while signing in (an admin who must enrol); false when enabling from the account page */
  duringSignIn: boolean;
  message?: string | null;
  errors?: FieldErrors | null;
}) {
  return (
    <div class="prose">
      <h1>{t('auth.totp.setupTitle')}</h1>
      <p class="lead">{props.duringSignIn ? t('auth.totp.setupLead') : t('auth.totp.setupLeadOptional')}</p>
      <ErrorSummary message={props.message} errors={props.errors} labels={{ code: t('auth.totp.code') }} />
      <section class="card">
        <h2>{t('auth.totp.stepScan')}</h2>
        <img class="qr" src={props.qrDataUri} alt={t('auth.totp.qrAlt')} width={200} height={200} />
        <p>{t('auth.totp.setupSecret')}</p>
        <p class="secret mono">{props.secret}</p>
      </section>
      <section class="card">
        <h2>{t('auth.totp.stepConfirm')}</h2>
        <PostForm action="/account/2fa/setup" csrfToken={props.csrfToken}>
          <input type="hidden" name="next" value={props.next} />
          <CodeField error={props.errors?.code} />
          <div class="form-actions">
            <button type="submit" class="button">
              {t('auth.totp.submit')}
            </button>
            {props.duringSignIn ? null : <a href="/account">{t('common.cancel')}</a>}
          </div>
        </PostForm>
      </section>
      {props.duringSignIn ? <CancelSignIn csrfToken={props.csrfToken} /> : null}
    </div>
  );
}
