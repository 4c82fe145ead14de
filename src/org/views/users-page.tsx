/** The user list for administrators: filters (GET form, no JavaScript), a table and keyset paging. */
import type { FieldErrors } from '../../platform/errors';
import { t } from '../../platform/i18n';
import { ErrorSummary, Field, SelectField } from '../../web/components/forms';
import { roleLabel } from '../presenters';
import { ROLES, type Role } from '../schema';
import { LockedChip, Pager, ScrollRegion, UserStatusChip } from './common';

export interface UserRowView {
  id: string;
  fullName: string;
  email: string;
  jobTitle: string | null;
  status: 'active' | 'disabled';
  lockedUntil: Date | null;
  isDemo: boolean;
  homeUnitCode: string;
  homeUnitName: string;
  roles: { role: Role; unitCode: string; unitName: string }[];
}

export interface UserFilters {
  q: string;
  role: string;
  unit: string;
  status: string;
}

export function roleOptions(blank?: string) {
  return [...(blank ? [{ value: '', label: blank }] : []), ...ROLES.map((r) => ({ value: r, label: roleLabel(r) }))];
}

export function UsersPage(props: {
  filters: UserFilters;
  errors?: FieldErrors | null;
  scopeNames: string[];
  users: UserRowView[];
  firstHref: string | null;
  nextHref: string | null;
}) {
  const f = props.filters;
  return (
    <div>
      <div class="page-header">
        <h1>{t('admin.users.title')}</h1>
        <a class="button" href="/admin/users/new">
          {t('admin.users.new')}
        </a>
      </div>
      <p class="lead">{t('admin.users.lead', { units: props.scopeNames.join('; ') })}</p>
      <ErrorSummary errors={props.errors} labels={{ unit: t('admin.users.unit') }} />
      <search aria-label={t('admin.users.filters')}>
        <form method="get" action="/admin/users" class="search-form">
          <Field name="q" label={t('admin.users.q')} type="search" value={f.q} maxLength={200} />
          <SelectField name="role" label={t('user.role')} value={f.role} options={roleOptions(t('admin.users.anyRole'))} />
          <Field name="unit" label={t('admin.users.unit')} value={f.unit} error={props.errors?.unit} maxLength={40} />
          <SelectField
            name="status"
            label={t('common.status')}
            value={f.status}
            options={[
              { value: '', label: t('admin.users.anyStatus') },
              { value: 'active', label: t('user.status.active') },
              { value: 'disabled', label: t('user.status.disabled') },
            ]}
          />
          <button type="submit" class="button button-secondary">
            {t('admin.users.filter')}
          </button>
        </form>
      </search>
      {props.users.length === 0 ? (
        <p>{t('admin.users.empty')}</p>
      ) : (
        <ScrollRegion label={t('admin.users.title')}>
          <table class="data-table">
            <thead>
              <tr>
                <th scope="col">{t('admin.users.name')}</th>
                <th scope="col">{t('user.homeUnit')}</th>
                <th scope="col">{t('admin.users.roles')}</th>
                <th scope="col">{t('common.status')}</th>
              </tr>
            </thead>
            <tbody>
              {props.users.map((u) => (
                <tr key={u.id}>
                  <td>
                    <a href={`/admin/users/${u.id}`}>{u.fullName}</a>
                    {u.isDemo ? <span class="chip chip-neutral">{t('common.demo')}</span> : null}
                    <br />
                    <span class="muted">{u.email}</span>
                  </td>
                  <td>
                    <a href={`/org/${encodeURIComponent(u.homeUnitCode)}`}>{u.homeUnitName}</a>
                  </td>
                  <td>
                    <ul class="plain-list">
                      {u.roles.map((r) => (
                        <li key={`${r.role}-${r.unitCode}`}>
                          {roleLabel(r.role)} <span class="muted">· {r.unitName}</span>
                        </li>
                      ))}
                    </ul>
                  </td>
                  <td>
                    <UserStatusChip status={u.status} /> <LockedChip lockedUntil={u.lockedUntil} />
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
