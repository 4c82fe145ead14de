/** The weights page: the versions so far (the active one marked in words) and the form for a new one. */
import { formatDate, formatNumber, t } from '../../../platform/i18n';
import { ErrorSummary, Field, PostForm, TextArea } from '../../../web/components/forms';
import { ScrollRegion } from '../../../org/views/common';
import { componentLabel } from '../presenters';
import { parseStoredWeights } from '../score-math';
import { SCORE_COMPONENTS } from '../types';

export interface ConfigListItem {
  id: string;
  code: string;
  name: string;
  weights: unknown;
  isActive: boolean;
  createdAt: Date;
}

export function WeightsPage(props: {
  configs: ConfigListItem[];
  csrfToken: string;
  values: Record<string, string>;
  errors?: Record<string, string> | null;
}) {
  const labels: Record<string, string> = Object.fromEntries(SCORE_COMPONENTS.map((c) => [c, componentLabel(c)]));
  labels.name = t('scoring.weights.name');
  labels.sum = t('scoring.weights.sum');
  return (
    <div>
      <div class="page-header">
        <h1>{t('scoring.weights.title')}</h1>
      </div>
      <p>
        <a href="/rankings">{t('scoring.unit.back')}</a>
      </p>
      <p class="lead">{t('scoring.weights.intro')}</p>
      <ErrorSummary errors={props.errors} labels={labels} />
      <PostForm action="/rankings/weights" csrfToken={props.csrfToken}>
        <Field name="name" label={t('scoring.weights.name')} value={props.values.name} error={props.errors?.name} maxLength={200} />
        {SCORE_COMPONENTS.map((c) => (
          <Field key={c} name={c} label={componentLabel(c)} value={props.values[c]} error={props.errors?.[c] ?? (c === 'tasksOnTime' ? props.errors?.sum : undefined)} inputMode="decimal" />
        ))}
        <TextArea name="notes" label={t('scoring.weights.notes')} value={props.values.notes} rows={3} />
        <div class="form-actions">
          <button type="submit" class="button">
            {t('scoring.weights.save')}
          </button>
        </div>
      </PostForm>
      <h2>{t('scoring.weights.history')}</h2>
      <ScrollRegion label={t('scoring.weights.history')}>
        <table class="data-table">
          <caption>{t('scoring.weights.history')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('scoring.weights.code')}</th>
              <th scope="col">{t('scoring.weights.name')}</th>
              {SCORE_COMPONENTS.map((c) => (
                <th scope="col" class="numeric" key={c}>
                  {componentLabel(c)}
                </th>
              ))}
              <th scope="col">{t('scoring.weights.createdAt')}</th>
            </tr>
          </thead>
          <tbody>
            {props.configs.map((cfg) => {
              const w = parseStoredWeights(cfg.weights);
              return (
                <tr key={cfg.id}>
                  <th scope="row">
                    {cfg.code}
                    {cfg.isActive ? <span class="chip chip-success"> {t('scoring.weights.active')}</span> : null}
                  </th>
                  <td>{cfg.name}</td>
                  {SCORE_COMPONENTS.map((c) => (
                    <td class="numeric" key={c}>
                      {formatNumber(w.components[c])}
                    </td>
                  ))}
                  <td>{formatDate(cfg.createdAt)}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </ScrollRegion>
    </div>
  );
}
