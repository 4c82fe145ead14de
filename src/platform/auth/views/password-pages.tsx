/** "Forgot password" and "set a new password" pages. */
import { ErrorSummary, Field, PostForm } from '../../../web/components/forms';
import type { FieldErrors } from '../../errors';
import { t } from '../../i18n';

export function ForgotPasswordPage(props: { csrfToken: string; email?: string; requested?: boolean; errors?: FieldErrors | null }) {
  if (props.requested) {
    return (
      <div class="prose">
        <h1>{t('auth.reset.requestedTitle')}</h1>
        <div class="notice notice-info" role="status">
          {t('auth.reset.requested')}
        </div>
        <p>
          <a href="/login">{t('auth.reset.backToLogin')}</a>
        </p>
      </div>
    );
  }
  return (
    <div class="prose">
      <h1>{t('auth.reset.requestTitle')}</h1>
      <p class="lead">{t('auth.reset.requestLead')}</p>
      <ErrorSummary errors={props.errors} labels={{ email: t('auth.reset.email') }} />
      <PostForm action="/password/forgot" csrfToken={props.csrfToken} class="card">
        <Field name="email" label={t('auth.reset.email')} type="email" value={props.email} error={props.errors?.email} autocomplete="email" required maxLength={254} />
        <div class="form-actions">
          <button type="submit" class="button">
            {t('auth.reset.requestSubmit')}
          </button>
          <a href="/login">{t('auth.reset.backToLogin')}</a>
        </div>
      </PostForm>
    </div>
  );
}

export function ResetPasswordPage(props: { csrfToken: string; token: string; errors?: FieldErrors | null }) {
  return (
    <div class="prose">
      <h1>{t('auth.reset.title')}</h1>
      <ErrorSummary
        errors={props.errors}
        labels={{ password: t('auth.reset.newPassword'), confirmPassword: t('auth.reset.confirmPassword') }}
      />
      <PostForm action="/password/reset" csrfToken={props.csrfToken} class="card">
        <input type="hidden" name="token" value={props.token} />
        <Field
          name="password"
          label={t('auth.reset.newPassword')}
          type="password"
          hint={t('auth.reset.passwordHint')}
          error={props.errors?.password}
          autocomplete="new-password"
          required
        />
        <Field
          name="confirmPassword"
          label={t('auth.reset.confirmPassword')}
          type="password"
          error={props.errors?.confirmPassword}
          autocomplete="new-password"
          required
        />
        <div class="form-actions">
          <button type="submit" class="button">
            {t('auth.reset.submit')}
          </button>
        </div>
      </PostForm>
    </div>
  );
}

export function InvalidResetLinkPage() {
  return (
    <div class="prose">
      <h1>{t('auth.reset.title')}</h1>
      <div class="notice notice-warning" role="alert">
        {t('auth.reset.invalidToken')}
      </div>
      <p>
        <a class="button" href="/password/forgot">
          {t('auth.reset.requestAgain')}
        </a>
      </p>
    </div>
  );
}
