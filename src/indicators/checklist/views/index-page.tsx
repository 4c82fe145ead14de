/** The list of checklist indicators with their criteria count and thresholds. */
import { t } from '../../../platform/i18n';
import type { ChecklistDef } from '../queries';
import { thresholdsText } from './common';

export function ChecklistIndexPage(props: { checklists: ChecklistDef[]; canManage: boolean }) {
  return (
    <div>
      <h1>{t('checklist.title')}</h1>
      <p class="lead">{t('checklist.intro')}</p>
      {props.checklists.length === 0 ? <p>{t('checklist.none')}</p> : null}
      <ul class="checklist-list">
        {props.checklists.map((c) => (
          <li key={c.code} class="card">
            <h2>
              <a href={`/checklists/${encodeURIComponent(c.code)}`}>{c.name}</a>
            </h2>
            <p class="muted">
              {c.code} · {c.criteria.length} {t('checklist.col.criterion').toLowerCase()} · {thresholdsText(c.greenRatio, c.yellowRatio)}
            </p>
            {props.canManage ? <a href={`/checklists/${encodeURIComponent(c.code)}/manage`}>{t('checklist.manage.link')}</a> : null}
          </li>
        ))}
      </ul>
    </div>
  );
}
