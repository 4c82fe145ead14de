/** Forms of indicator.manage: an indicator's definition fields and its targets per period. */
import type { FieldErrors } from '../../platform/errors';
import { t } from '../../platform/i18n';
import { ErrorSummary, Field, PostForm, SelectField, TextArea } from '../../web/components/forms';
import { AGGREGATIONS, FREQUENCIES } from '../schema';

export type EditValues = Record<
  | 'name'
  | 'unit'
  | 'direction'
  | 'aggregation'
  | 'frequency'
  | 'baselineValue'
  | 'baselinePeriod'
  | 'responsibleUnitCode'
  | 'dataSource'
  | 'definition'
  | 'onTrackRatio'
  | 'atRiskRatio'
  | 'weight'
  | 'parentCode',
  string
> & { isActive: boolean };

export function EditIndicatorPage(props: { code: string; values: EditValues; csrfToken: string; errors?: FieldErrors | null; message?: string | null }) {
  const v = props.values;
  const e = props.errors ?? {};
  return (
    <div>
      <h1>{t('indicator.edit.title', { code: props.code })}</h1>
      <ErrorSummary errors={props.errors} message={props.message} />
      <PostForm action={`/indicators/${encodeURIComponent(props.code)}/edit`} csrfToken={props.csrfToken}>
        <Field name="name" label={t('indicator.edit.name')} value={v.name} error={e.name} maxLength={500} />
        <Field name="unit" label={t('indicator.edit.unit')} value={v.unit} error={e.unit} maxLength={100} />
        <SelectField
          name="direction"
          label={t('indicator.edit.direction')}
          value={v.direction}
          error={e.direction}
          options={(['higher', 'lower'] as const).map((d) => ({ value: d, label: t(`indicator.direction.${d}`) }))}
        />
        <SelectField
          name="aggregation"
          label={t('indicator.edit.aggregation')}
          value={v.aggregation}
          error={e.aggregation}
          options={AGGREGATIONS.map((a) => ({ value: a, label: t(`indicator.aggregation.${a}`) }))}
        />
        <SelectField
          name="frequency"
          label={t('indicator.edit.frequency')}
          value={v.frequency}
          error={e.frequency}
          options={FREQUENCIES.map((a) => ({ value: a, label: t(`indicator.frequency.${a}`) }))}
        />
        <Field name="baselineValue" label={t('indicator.edit.baselineValue')} value={v.baselineValue} error={e.baselineValue} inputMode="decimal" />
        <Field name="baselinePeriod" label={t('indicator.edit.baselinePeriod')} value={v.baselinePeriod} error={e.baselinePeriod} maxLength={10} />
        <Field name="responsibleUnitCode" label={t('indicator.edit.responsibleUnitCode')} value={v.responsibleUnitCode} error={e.responsibleUnitCode} maxLength={40} />
        <TextArea name="dataSource" label={t('indicator.edit.dataSource')} value={v.dataSource} error={e.dataSource} rows={2} />
        <TextArea name="definition" label={t('indicator.edit.definition')} value={v.definition} error={e.definition} rows={4} />
        <Field name="onTrackRatio" label={t('indicator.edit.onTrackRatio')} value={v.onTrackRatio} error={e.onTrackRatio} inputMode="decimal" />
        <Field name="atRiskRatio" label={t('indicator.edit.atRiskRatio')} value={v.atRiskRatio} error={e.atRiskRatio} inputMode="decimal" />
        <Field name="weight" label={t('indicator.edit.weight')} value={v.weight} error={e.weight} inputMode="decimal" />
        <Field name="parentCode" label={t('indicator.edit.parentCode')} value={v.parentCode} error={e.parentCode} maxLength={60} />
        <div class="field">
          <label>
            <input id="f-isActive" type="checkbox" name="isActive" value="on" checked={v.isActive} /> {t('indicator.edit.isActive')}
          </label>
        </div>
        <div class="form-actions">
          <button type="submit">{t('indicator.edit.save')}</button>
        </div>
      </PostForm>
    </div>
  );
}

/** Rows of period + value; a few empty rows are added for new periods. */
export function TargetsPage(props: { code: string; rows: { period: string; value: string }[]; csrfToken: string; errors?: FieldErrors | null; message?: string | null }) {
  const e = props.errors ?? {};
  return (
    <div>
      <h1>{t('indicator.targets.title', { code: props.code })}</h1>
      <p class="lead">{t('indicator.targets.lead')}</p>
      <ErrorSummary errors={props.errors} message={props.message} />
      <PostForm action={`/indicators/${encodeURIComponent(props.code)}/targets`} csrfToken={props.csrfToken}>
        {props.rows.map((r, i) => (
          <div class="grid-2" key={i}>
            <Field name={`targets.${i}.period`} label={t('indicator.targets.period', { n: i + 1 })} value={r.period} error={e[`targets.${i}.period`]} maxLength={10} />
            <Field name={`targets.${i}.value`} label={t('indicator.targets.value', { n: i + 1 })} value={r.value} error={e[`targets.${i}.value`]} inputMode="decimal" />
          </div>
        ))}
        <div class="form-actions">
          <button type="submit">{t('indicator.targets.save')}</button>
        </div>
      </PostForm>
    </div>
  );
}
