/** "My account": profile, roles, second factor and the user's API tokens. */
import type { Principal } from '../../../org/policies';
import { ErrorSummary, Field, PostForm } from '../../../web/components/forms';
import type { FieldErrors } from '../../errors';
import { type MessageKey, formatDateTime, t } from '../../i18n';

export interface AccountTokenRow {
  id: string;
  name: string;
  createdAt: Date;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
}

export interface AccountPageProps {
  csrfToken: string;
  principal: Principal;
  jobTitle: string | null;
  homeUnitName: string | null;
  lastLoginAt: Date | null;
  totpEnabledAt: Date | null;
  tokens: AccountTokenRow[];
  canCreateToken: boolean;
  /** shown once, right after creation */
  newToken?: { name: string; token: string } | null;
  tokenName?: string;
  errors?: FieldErrors | null;
}

export function AccountPage(props: AccountPageProps) {
  const p = props.principal;
  return (
    <div>
      <h1>{t('auth.account.title')}</h1>

      <section aria-labelledby="account-profile">
        <h2 id="account-profile">{t('auth.account.profile')}</h2>
        <dl class="summary-list">
          <div>
            <dt>{t('auth.account.fullName')}</dt>
            <dd>{p.fullName}</dd>
          </div>
          <div>
            <dt>{t('auth.account.email')}</dt>
            <dd>{p.email}</dd>
          </div>
          {props.jobTitle ? (
            <div>
              <dt>{t('auth.account.jobTitle')}</dt>
              <dd>{props.jobTitle}</dd>
            </div>
          ) : null}
          {props.homeUnitName ? (
            <div>
              <dt>{t('auth.account.homeUnit')}</dt>
              <dd>{props.homeUnitName}</dd>
            </div>
          ) : null}
          {props.lastLoginAt ? (
            <div>
              <dt>{t('auth.account.lastLogin')}</dt>
              <dd>{formatDateTime(props.lastLoginAt)}</dd>
            </div>
          ) : null}
        </dl>
      </section>

      <section aria-labelledby="account-roles">
        <h2 id="account-roles">{t('auth.account.roles')}</h2>
        {p.grants.length === 0 ? (
          <p>{t('auth.account.noRoles')}</p>
        ) : (
          <ul class="plain-list">
            {p.grants.map((g) => (
              <li key={`${g.role}-${g.unitId}`}>
                <strong>{t(`role.${g.role}` as MessageKey)}</strong> {t('auth.account.roleAt')} {g.unitName}{' '}
                <span class="muted mono">({g.unitCode})</span>
              </li>
            ))}
          </ul>
        )}
      </section>

      <section aria-labelledby="account-2fa">
        <h2 id="account-2fa">{t('auth.account.twoFactor')}</h2>
        {props.totpEnabledAt ? (
          <p>
            <span class="chip chip-success">{t('auth.account.twoFactorOn')}</span>{' '}
            {t('auth.account.twoFactorSince', { date: formatDateTime(props.totpEnabledAt) })}
          </p>
        ) : (
          <>
            <p>
              <span class="chip chip-warning">{t('auth.account.twoFactorOff')}</span> {t('auth.account.twoFactorOffHint')}
            </p>
            <p>
              <a class="button button-secondary" href="/account/2fa/setup">
                {t('auth.account.twoFactorEnable')}
              </a>
            </p>
          </>
        )}
      </section>

      <section aria-labelledby="account-tokens">
        <h2 id="account-tokens">{t('auth.tokens.title')}</h2>
        <p>{t('auth.tokens.lead')}</p>
        {props.newToken ? (
          <div class="notice notice-success" role="status">
            <p>{t('auth.tokens.createdNotice', { name: props.newToken.name })}</p>
            <p>
              <span class="visually-hidden">{t('auth.tokens.secretLabel')}: </span>
              <code class="secret">{props.newToken.token}</code>
            </p>
          </div>
        ) : null}
        {props.tokens.length === 0 ? (
          <p>{t('auth.tokens.none')}</p>
        ) : (
          <div class="table-wrap">
            <table class="data-table">
              <caption class="visually-hidden">{t('auth.tokens.caption')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('auth.tokens.name')}</th>
                  <th scope="col">{t('auth.tokens.created')}</th>
                  <th scope="col">{t('auth.tokens.lastUsed')}</th>
                  <th scope="col">{t('common.status')}</th>
                  <th scope="col">{t('common.actions')}</th>
                </tr>
              </thead>
              <tbody>
                {props.tokens.map((tok) => (
                  <tr key={tok.id}>
                    <td>{tok.name}</td>
                    <td>{formatDateTime(tok.createdAt)}</td>
                    <td>{tok.lastUsedAt ? formatDateTime(tok.lastUsedAt) : t('auth.tokens.never')}</td>
                    <td>
                      {tok.revokedAt ? (
                        <span class="chip chip-neutral">
                          {t('auth.tokens.revoked')} {formatDateTime(tok.revokedAt)}
                        </span>
                      ) : (
                        <span class="chip chip-success">{t('auth.tokens.active')}</span>
                      )}
                    </td>
                    <td>
                      {tok.revokedAt ? null : (
                        <PostForm action={`/account/tokens/${tok.id}/revoke`} csrfToken={props.csrfToken} class="inline-form">
                          <button type="submit" class="button button-danger button-small" aria-label={t('auth.tokens.revokeLabel', { name: tok.name })}>
                            {t('auth.tokens.revoke')}
                          </button>
                        </PostForm>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        {props.canCreateToken ? (
          <>
            <h3>{t('auth.tokens.createTitle')}</h3>
            <ErrorSummary errors={props.errors} labels={{ name: t('auth.tokens.name') }} />
            <PostForm action="/account/tokens" csrfToken={props.csrfToken} class="card">
              <Field name="name" label={t('auth.tokens.name')} hint={t('auth.tokens.nameHint')} value={props.tokenName} error={props.errors?.name} maxLength={100} required />
              <div class="form-actions">
                <button type="submit" class="button">
                  {t('auth.tokens.create')}
                </button>
              </div>
            </PostForm>
          </>
        ) : null}
      </section>
    </div>
  );
}
