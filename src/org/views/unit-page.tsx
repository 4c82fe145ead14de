/** One unit: where it sits, its public facts, the units under it, and — for those entitled — its people. */
import { formatDate, t } from '../../platform/i18n';
import { kindLabel, roleLabel } from '../presenters';
import type { OrgUnitKind, Role } from '../schema';
import { Breadcrumbs, ScrollRegion, SummaryRow, UserStatusChip } from './common';

export interface UnitView {
  code: string;
  name: string;
  shortName: string | null;
  nameEn: string | null;
  kind: OrgUnitKind;
  validFrom: string | null;
  formerNames: string | null;
  parentCode: string | null;
  parentName: string | null;
}

export interface MemberView {
  id: string;
  fullName: string;
  email: string;
  jobTitle: string | null;
  status: 'active' | 'disabled';
  isHome: boolean;
  roles: Role[];
}

export interface UnitPageProps {
  unit: UnitView;
  ancestors: { code: string; name: string }[];
  children: { code: string; name: string; kind: OrgUnitKind }[];
  /** null when the viewer may not see the unit's people */
  members: { list: MemberView[]; truncated: boolean; limit: number; linkToAdmin: boolean } | null;
}

const href = (code: string) => `/org/${encodeURIComponent(code)}`;

export function UnitPage(props: UnitPageProps) {
  const { unit } = props;
  return (
    <div>
      <Breadcrumbs
        label={t('org.unit.breadcrumb')}
        items={[
          { href: '/org', label: t('org.directory.title') },
          ...props.ancestors.map((a) => ({ href: href(a.code), label: a.name })),
          { label: unit.name },
        ]}
      />
      <h1>{unit.name}</h1>

      <section aria-labelledby="unit-summary">
        <h2 id="unit-summary" class="visually-hidden">
          {t('org.unit.summary')}
        </h2>
        <dl class="summary-list">
          <SummaryRow label={t('org.unit.code')}>
            <span class="mono">{unit.code}</span>
          </SummaryRow>
          <SummaryRow label={t('org.unit.kind')}>{kindLabel(unit.kind)}</SummaryRow>
          {unit.shortName ? <SummaryRow label={t('org.unit.shortName')}>{unit.shortName}</SummaryRow> : null}
          {unit.nameEn ? (
            <SummaryRow label={t('org.unit.nameEn')}>
              <span lang="en">{unit.nameEn}</span>
            </SummaryRow>
          ) : null}
          <SummaryRow label={t('org.unit.parent')}>
            {unit.parentCode && unit.parentName ? <a href={href(unit.parentCode)}>{unit.parentName}</a> : t('common.none')}
          </SummaryRow>
          <SummaryRow label={t('org.unit.validFrom')}>{unit.validFrom ? formatDate(unit.validFrom) : t('org.unit.notSet')}</SummaryRow>
          {unit.formerNames ? <SummaryRow label={t('org.unit.formerNames')}>{unit.formerNames}</SummaryRow> : null}
        </dl>
      </section>

      <section aria-labelledby="unit-children">
        <h2 id="unit-children">{t('org.unit.childrenCount', { count: props.children.length })}</h2>
        {props.children.length === 0 ? (
          <p>{t('org.unit.noChildren')}</p>
        ) : (
          <ul class="plain-list">
            {props.children.map((c) => (
              <li key={c.code}>
                <a href={href(c.code)}>{c.name}</a> <span class="muted">· {kindLabel(c.kind)}</span>
              </li>
            ))}
          </ul>
        )}
      </section>

      <section aria-labelledby="unit-members">
        <h2 id="unit-members">{t('org.unit.members')}</h2>
        {props.members === null ? (
          <p class="notice notice-info">{t('org.unit.membersHidden')}</p>
        ) : props.members.list.length === 0 ? (
          <p>{t('org.unit.noMembers')}</p>
        ) : (
          <>
            <ScrollRegion label={t('org.unit.members')}>
              <table class="data-table">
                <thead>
                  <tr>
                    <th scope="col">{t('user.fullName')}</th>
                    <th scope="col">{t('user.email')}</th>
                    <th scope="col">{t('user.jobTitle')}</th>
                    <th scope="col">{t('org.unit.memberRoles')}</th>
                    <th scope="col">{t('common.status')}</th>
                  </tr>
                </thead>
                <tbody>
                  {props.members.list.map((m) => (
                    <tr key={m.id}>
                      <td>{props.members?.linkToAdmin ? <a href={`/admin/users/${m.id}`}>{m.fullName}</a> : m.fullName}</td>
                      <td>{m.email}</td>
                      <td>{m.jobTitle ?? ''}</td>
                      <td>
                        {m.roles.length ? m.roles.map(roleLabel).join(', ') : <span class="muted">{t('org.unit.memberHomeYes')}</span>}
                      </td>
                      <td>
                        <UserStatusChip status={m.status} />
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </ScrollRegion>
            {props.members.truncated ? <p class="muted">{t('org.unit.membersTruncated', { count: props.members.limit })}</p> : null}
          </>
        )}
      </section>
    </div>
  );
}
