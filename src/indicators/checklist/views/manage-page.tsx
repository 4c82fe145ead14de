/** Configuration of a checklist for indicator.manage: thresholds, criteria wording, a new criterion. */
import type { FieldErrors } from '../../../platform/errors';
import { t } from '../../../platform/i18n';
import { ErrorSummary, Field, PostForm, TextArea } from '../../../web/components/forms';
import type { ChecklistDef } from '../queries';

export interface ManageValues {
  greenRatio: string;
  yellowRatio: string;
  criteria: Record<string, { name: string; description: string }>;
  newName: string;
  newDescription: string;
}

export function checklistToManageValues(c: ChecklistDef): ManageValues {
  const ratio = (r: number) => String(r).replace('.', ',');
  return {
    greenRatio: ratio(c.greenRatio),
    yellowRatio: ratio(c.yellowRatio),
    criteria: Object.fromEntries(c.criteria.map((x) => [x.code, { name: x.name, description: x.description ?? '' }])),
    newName: '',
    newDescription: '',
  };
}

export function ManagePage(props: { checklist: ChecklistDef; values: ManageValues; errors?: FieldErrors | null; csrfToken: string }) {
  const c = props.checklist;
  const v = props.values;
  const e = props.errors ?? {};
  return (
    <div>
      <p>
        <a href={`/checklists/${encodeURIComponent(c.code)}`}>{c.name}</a>
      </p>
      <h1>{t('checklist.manage.title', { name: c.name })}</h1>
      <ErrorSummary errors={props.errors} />
      <PostForm action={`/checklists/${encodeURIComponent(c.code)}/manage`} csrfToken={props.csrfToken}>
        <Field name="greenRatio" label={t('checklist.manage.greenRatio')} hint={t('checklist.manage.ratioHint')} value={v.greenRatio} error={e.greenRatio} maxLength={10} inputMode="decimal" />
        <Field name="yellowRatio" label={t('checklist.manage.yellowRatio')} hint={t('checklist.manage.ratioHint')} value={v.yellowRatio} error={e.yellowRatio} maxLength={10} inputMode="decimal" />
        {c.criteria.map((x) => (
          <div key={x.code} class="card">
            <Field name={`c-${x.code}`} label={t('checklist.manage.criterionName', { code: x.code })} value={v.criteria[x.code]?.name ?? ''} error={e[`c-${x.code}`]} maxLength={300} />
            <TextArea name={`d-${x.code}`} label={t('checklist.manage.criterionDescription', { code: x.code })} value={v.criteria[x.code]?.description ?? ''} rows={2} />
          </div>
        ))}
        <Field name="newName" label={t('checklist.manage.newName')} value={v.newName} error={e.newName} maxLength={300} />
        <TextArea name="newDescription" label={t('checklist.manage.newDescription')} value={v.newDescription} rows={2} />
        <div class="form-actions">
          <button type="submit" class="button">
            {t('checklist.manage.submit')}
          </button>
        </div>
      </PostForm>
    </div>
  );
}
