/** The confirmation form for the level above: the unit's answers and evidence, and a met / not met decision each. */
import type { FieldErrors } from '../../../platform/errors';
import { t } from '../../../platform/i18n';
import { ErrorSummary, PostForm } from '../../../web/components/forms';
import { periodLabel } from '../../periods';
import type { UnitChecklistState } from '../colour';
import type { AnswerRow, ChecklistDef } from '../queries';
import { ColourChip, ConfirmationText } from './common';

export interface ConfirmValue {
  met: '' | 'yes' | 'no';
  comment: string;
}

export function confirmationsToValues(checklist: ChecklistDef, answers: Map<string, AnswerRow>): Record<string, ConfirmValue> {
  return Object.fromEntries(
    checklist.criteria.map((c) => {
      const a = answers.get(c.id);
      const met = a?.confirmedMet == null ? '' : a.confirmedMet ? 'yes' : 'no';
      return [c.code, { met, comment: a?.confirmComment ?? '' }];
    }),
  );
}

export function ConfirmPage(props: {
  checklist: ChecklistDef;
  unit: { code: string; name: string };
  period: string;
  answers: Map<string, AnswerRow>;
  values: Record<string, ConfirmValue>;
  state: UnitChecklistState;
  errors?: FieldErrors | null;
  message?: string | null;
  csrfToken: string;
}) {
  const c = props.checklist;
  const action = `/checklists/${encodeURIComponent(c.code)}/confirm?unit=${encodeURIComponent(props.unit.code)}&period=${encodeURIComponent(props.period)}`;
  const answered = c.criteria.filter((x) => props.answers.has(x.id));
  const labels = Object.fromEntries(c.criteria.map((x) => [`c-${x.code}`, x.name]));
  return (
    <div>
      <p>
        <a href={`/checklists/${encodeURIComponent(c.code)}`}>{c.name}</a>
      </p>
      <h1>{t('checklist.confirm.title', { unit: props.unit.name, period: periodLabel(props.period) })}</h1>
      <p>
        <ColourChip colour={props.state.colour} /> {props.state.answered ? t('checklist.metOf', { met: props.state.met, total: props.state.total }) : null}{' '}
        <ConfirmationText assessed={props.state.answered > 0} confirmed={props.state.confirmed} />
      </p>
      <ErrorSummary errors={props.errors} message={props.message} labels={labels} />
      {answered.length === 0 ? (
        <p>{t('checklist.confirm.nothing')}</p>
      ) : (
        <>
          <p class="lead">{t('checklist.confirm.lead')}</p>
          <PostForm action={action} csrfToken={props.csrfToken}>
            {answered.map((x, i) => {
              const a = props.answers.get(x.id)!;
              const v = props.values[x.code] ?? { met: '', comment: '' };
              const err = props.errors?.[`c-${x.code}`];
              const id = `f-c-${x.code}`;
              return (
                <fieldset key={x.code} id={id} class={err ? 'card checklist-criterion field-error' : 'card checklist-criterion'} aria-describedby={err ? `${id}-error` : undefined}>
                  <legend>
                    {i + 1}. {x.name}
                  </legend>
                  <p>
                    <strong>{t('checklist.confirm.self', { result: a.selfMet ? t('checklist.assess.met') : t('checklist.assess.notMet') })}</strong>
                  </p>
                  {a.selfComment ? (
                    <p>
                      {t('checklist.assess.comment')}: {a.selfComment}
                    </p>
                  ) : null}
                  <p>
                    {t('checklist.assess.evidence')}: {a.evidenceText ?? t('checklist.noEvidence')}
                  </p>
                  {err ? (
                    <p class="error-message" id={`${id}-error`}>
                      {err}
                    </p>
                  ) : null}
                  <div class="radio-item">
                    <input type="radio" id={`${id}-yes`} name={`met-${x.code}`} value="yes" checked={v.met === 'yes'} />
                    <label for={`${id}-yes`}>{t('checklist.confirm.met')}</label>
                  </div>
                  <div class="radio-item">
                    <input type="radio" id={`${id}-no`} name={`met-${x.code}`} value="no" checked={v.met === 'no'} />
                    <label for={`${id}-no`}>{t('checklist.confirm.notMet')}</label>
                  </div>
                  <div class="field">
                    <label for={`${id}-comment`}>{t('checklist.confirm.comment')}</label>
                    <textarea id={`${id}-comment`} name={`comment-${x.code}`} rows={2} maxLength={2000}>
                      {v.comment}
                    </textarea>
                  </div>
                </fieldset>
              );
            })}
            <div class="form-actions">
              <button type="submit" class="button">
                {t('checklist.confirm.submit')}
              </button>
            </div>
          </PostForm>
        </>
      )}
    </div>
  );
}
