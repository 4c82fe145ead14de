/** The "new user" form: account details, initial password, and the first role at a unit. */
import type { FieldErrors } from '../../platform/errors';
import { t } from '../../platform/i18n';
import { ErrorSummary, Field, PostForm, SelectField } from '../../web/components/forms';
import { Breadcrumbs } from './common';
import { roleOptions } from './users-page';

export interface NewUserValues {
  email: string;
  fullName: string;
  jobTitle: string;
  phone: string;
  role: string;
  orgCode: string;
}

export const NEW_USER_LABELS = () => ({
  email: t('user.email'),
  fullName: t('user.fullName'),
  jobTitle: t('user.jobTitle'),
  phone: t('user.phone'),
  role: t('user.role'),
  orgCode: t('user.roleUnit'),
  password: t('user.password'),
});

export function NewUserPage(props: { csrfToken: string; values: NewUserValues; errors?: FieldErrors | null; message?: string | null }) {
  const v = props.values;
  const e = props.errors ?? {};
  const labels = NEW_USER_LABELS();
  return (
    <div>
      <Breadcrumbs
        label={t('org.unit.breadcrumb')}
        items={[{ href: '/admin/users', label: t('admin.users.title') }, { label: t('admin.users.newTitle') }]}
      />
      <h1>{t('admin.users.newTitle')}</h1>
      <p class="lead">{t('admin.users.newLead')}</p>
      <ErrorSummary errors={props.errors} message={props.message} labels={labels} />
      <PostForm action="/admin/users/new" csrfToken={props.csrfToken}>
        <Field name="fullName" label={labels.fullName} value={v.fullName} error={e.fullName} autocomplete="off" required maxLength={200} />
        <Field name="email" label={labels.email} type="email" value={v.email} error={e.email} autocomplete="off" required maxLength={254} />
        <Field name="jobTitle" label={labels.jobTitle} value={v.jobTitle} error={e.jobTitle} maxLength={200} />
        <Field name="phone" label={labels.phone} type="tel" value={v.phone} error={e.phone} maxLength={40} />
        <SelectField name="role" label={labels.role} value={v.role} error={e.role} options={roleOptions()} />
        <Field name="orgCode" label={labels.orgCode} value={v.orgCode} error={e.orgCode} hint={t('admin.users.orgCodeHint')} maxLength={40} />
        <Field
          name="password"
          label={labels.password}
          type="password"
          error={e.password}
          hint={t('admin.users.passwordHint')}
          autocomplete="new-password"
          required
          maxLength={200}
        />
        <div class="form-actions">
          <button type="submit" class="button">
            {t('admin.users.create')}
          </button>
          <a href="/admin/users" class="button button-secondary">
            {t('common.cancel')}
          </a>
        </div>
      </PostForm>
    </div>
  );
}
