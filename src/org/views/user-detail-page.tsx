/** One user for administrators: account facts, roles with remove buttons, add-role form, status and security actions. */
import type { FieldErrors } from '../../platform/errors';
import { formatDateTime, t } from '../../platform/i18n';
import { ErrorSummary, Field, PostForm, SelectField } from '../../web/components/forms';
import { roleLabel } from '../presenters';
import type { Role } from '../schema';
import { Breadcrumbs, LockedChip, ScrollRegion, SummaryRow, UserStatusChip } from './common';
import { roleOptions } from './users-page';

export interface UserDetailView {
  id: string;
  email: string;
  fullName: string;
  jobTitle: string | null;
  phone: string | null;
  status: 'active' | 'disabled';
  failedLoginCount: number;
  lockedUntil: Date | null;
  totpEnabledAt: Date | null;
  lastLoginAt: Date | null;
  createdAt: Date;
  homeUnit: { code: string; name: string };
  roles: { id: string; role: Role; unitCode: string; unitName: string; removable: boolean }[];
}

export function UserDetailPage(props: {
  csrfToken: string;
  user: UserDetailView;
  canManageAccount: boolean;
  addRole: { role: string; orgCode: string };
  errors?: FieldErrors | null;
  message?: string | null;
  now?: Date;
}) {
  const u = props.user;
  const base = `/admin/users/${u.id}`;
  const now = props.now ?? new Date();
  const locked = !!u.lockedUntil && u.lockedUntil > now;
  return (
    <div>
      <Breadcrumbs label={t('org.unit.breadcrumb')} items={[{ href: '/admin/users', label: t('admin.users.title') }, { label: u.fullName }]} />
      <h1>{u.fullName}</h1>
      <ErrorSummary errors={props.errors} message={props.message} labels={{ role: t('user.role'), orgCode: t('user.roleUnit') }} />

      <section aria-labelledby="account-title">
        <h2 id="account-title">{t('admin.user.account')}</h2>
        <dl class="summary-list">
          <SummaryRow label={t('user.email')}>{u.email}</SummaryRow>
          <SummaryRow label={t('user.jobTitle')}>{u.jobTitle ?? t('common.none')}</SummaryRow>
          <SummaryRow label={t('user.phone')}>{u.phone ?? t('common.none')}</SummaryRow>
          <SummaryRow label={t('user.homeUnit')}>
            <a href={`/org/${encodeURIComponent(u.homeUnit.code)}`}>{u.homeUnit.name}</a>
          </SummaryRow>
          <SummaryRow label={t('common.status')}>
            <UserStatusChip status={u.status} /> <LockedChip lockedUntil={u.lockedUntil} now={now} />
          </SummaryRow>
          <SummaryRow label={t('admin.user.createdAt')}>{formatDateTime(u.createdAt)}</SummaryRow>
          <SummaryRow label={t('admin.user.lastLogin')}>{u.lastLoginAt ? formatDateTime(u.lastLoginAt) : t('admin.user.neverLoggedIn')}</SummaryRow>
        </dl>
      </section>

      <section aria-labelledby="roles-title">
        <h2 id="roles-title">{t('admin.user.rolesTitle')}</h2>
        {u.roles.length === 0 ? (
          <p>{t('admin.user.noRoles')}</p>
        ) : (
          <ScrollRegion label={t('admin.user.rolesTitle')}>
            <table class="data-table">
              <thead>
                <tr>
                  <th scope="col">{t('user.role')}</th>
                  <th scope="col">{t('admin.user.roleUnit')}</th>
                  <th scope="col">{t('common.actions')}</th>
                </tr>
              </thead>
              <tbody>
                {u.roles.map((r) => (
                  <tr key={r.id}>
                    <td>{roleLabel(r.role)}</td>
                    <td>
                      <a href={`/org/${encodeURIComponent(r.unitCode)}`}>{r.unitName}</a> <span class="muted mono">{r.unitCode}</span>
                    </td>
                    <td>
                      {r.removable ? (
                        <PostForm action={`${base}/roles/${r.id}/delete`} csrfToken={props.csrfToken} class="inline-form">
                          <button
                            type="submit"
                            class="button button-small button-danger"
                            aria-label={t('admin.user.removeRoleLabel', { role: roleLabel(r.role), unit: r.unitName })}
                          >
                            {t('admin.user.removeRole')}
                          </button>
                        </PostForm>
                      ) : null}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </ScrollRegion>
        )}
        <h3>{t('admin.user.addRole')}</h3>
        <PostForm action={`${base}/roles`} csrfToken={props.csrfToken}>
          <SelectField name="role" label={t('user.role')} value={props.addRole.role} error={props.errors?.role} options={roleOptions()} />
          <Field
            name="orgCode"
            label={t('user.roleUnit')}
            value={props.addRole.orgCode}
            error={props.errors?.orgCode}
            hint={t('admin.user.addRoleHint')}
            required
            maxLength={40}
          />
          <div class="form-actions">
            <button type="submit" class="button button-secondary">
              {t('admin.user.addRoleSubmit')}
            </button>
          </div>
        </PostForm>
      </section>

      <section aria-labelledby="security-title">
        <h2 id="security-title">{t('admin.user.security')}</h2>
        <dl class="summary-list">
          <SummaryRow label={t('admin.user.loginLock')}>
            {locked ? t('admin.user.lockedUntil', { time: formatDateTime(u.lockedUntil) }) : t('admin.user.notLocked')}
          </SummaryRow>
          <SummaryRow label={t('admin.user.failedLogins')}>{String(u.failedLoginCount)}</SummaryRow>
          <SummaryRow label={t('admin.user.secondFactor')}>
            {u.totpEnabledAt ? t('admin.user.secondFactorOn', { time: formatDateTime(u.totpEnabledAt) }) : t('admin.user.secondFactorOff')}
          </SummaryRow>
        </dl>
        {props.canManageAccount ? (
          <div class="form-actions">
            {u.status === 'active' ? (
              <PostForm action={`${base}/status`} csrfToken={props.csrfToken} class="inline-form">
                <input type="hidden" name="status" value="disabled" />
                <button type="submit" class="button button-danger" aria-describedby="disable-hint">
                  {t('admin.user.disable')}
                </button>
              </PostForm>
            ) : (
              <PostForm action={`${base}/status`} csrfToken={props.csrfToken} class="inline-form">
                <input type="hidden" name="status" value="active" />
                <button type="submit" class="button">
                  {t('admin.user.enable')}
                </button>
              </PostForm>
            )}
            {locked || u.failedLoginCount > 0 ? (
              <PostForm action={`${base}/unlock`} csrfToken={props.csrfToken} class="inline-form">
                <button type="submit" class="button button-secondary">
                  {t('admin.user.unlock')}
                </button>
              </PostForm>
            ) : null}
            {u.totpEnabledAt ? (
              <PostForm action={`${base}/second-factor/reset`} csrfToken={props.csrfToken} class="inline-form">
                <button type="submit" class="button button-secondary" aria-describedby="reset-2fa-hint">
                  {t('admin.user.resetSecondFactor')}
                </button>
              </PostForm>
            ) : null}
          </div>
        ) : (
          <p class="notice notice-info">{t('admin.user.readOnly')}</p>
        )}
        {props.canManageAccount ? (
          <>
            {u.status === 'active' ? (
              <p class="hint" id="disable-hint">
                {t('admin.user.disableHint')}
              </p>
            ) : null}
            {u.totpEnabledAt ? (
              <p class="hint" id="reset-2fa-hint">
                {t('admin.user.resetSecondFactorHint')}
              </p>
            ) : null}
          </>
        ) : null}
      </section>
    </div>
  );
}
