/** The self-assessment form: for each criterion Đạt / Chưa đạt, a comment and evidence; works without JavaScript. */
import type { FieldErrors } from '../../../platform/errors';
import { t } from '../../../platform/i18n';
import { ErrorSummary, PostForm } from '../../../web/components/forms';
import { periodLabel } from '../../periods';
import type { UnitChecklistState } from '../colour';
import type { AnswerRow, ChecklistDef } from '../queries';
import { ColourChip, ConfirmationText } from './common';

export interface AssessValue {
  met: '' | 'yes' | 'no';
  comment: string;
  evidence: string;
}

export function answersToValues(checklist: ChecklistDef, answers: Map<string, AnswerRow>): Record<string, AssessValue> {
  return Object.fromEntries(
    checklist.criteria.map((c) => {
      const a = answers.get(c.id);
      return [c.code, { met: a ? (a.selfMet ? 'yes' : 'no') : '', comment: a?.selfComment ?? '', evidence: a?.evidenceText ?? '' }];
    }),
  );
}

export function AssessPage(props: {
  checklist: ChecklistDef;
  unit: { code: string; name: string };
  period: string;
  values: Record<string, AssessValue>;
  answers: Map<string, AnswerRow>;
  state: UnitChecklistState;
  locked: boolean;
  errors?: FieldErrors | null;
  message?: string | null;
  csrfToken: string;
}) {
  const c = props.checklist;
  const action = `/checklists/${encodeURIComponent(c.code)}/assess?unit=${encodeURIComponent(props.unit.code)}&period=${encodeURIComponent(props.period)}`;
  const labels = Object.fromEntries(c.criteria.map((x) => [`c-${x.code}`, x.name]));
  return (
    <div>
      <p>
        <a href={`/checklists/${encodeURIComponent(c.code)}`}>{c.name}</a>
      </p>
      <h1>{t('checklist.assess.title', { unit: props.unit.name, period: periodLabel(props.period) })}</h1>
      <p>
        <ColourChip colour={props.state.colour} /> {props.state.answered ? t('checklist.metOf', { met: props.state.met, total: props.state.total }) : null}{' '}
        <ConfirmationText assessed={props.state.answered > 0} confirmed={props.state.confirmed} />
      </p>
      <ErrorSummary errors={props.errors} message={props.message} labels={labels} />
      {props.locked ? <p class="card">{t('checklist.assess.lockedNote')}</p> : <p class="lead">{t('checklist.assess.lead')}</p>}
      <PostForm action={action} csrfToken={props.csrfToken}>
        {c.criteria.map((x, i) => {
          const v = props.values[x.code] ?? { met: '', comment: '', evidence: '' };
          const err = props.errors?.[`c-${x.code}`];
          const a = props.answers.get(x.id);
          const id = `f-c-${x.code}`;
          return (
            <fieldset key={x.code} class={err ? 'card checklist-criterion field-error' : 'card checklist-criterion'} id={id} disabled={props.locked} aria-describedby={err ? `${id}-error` : undefined}>
              <legend>
                {i + 1}. {x.name}
              </legend>
              {x.description ? <p class="hint">{x.description}</p> : null}
              {err ? (
                <p class="error-message" id={`${id}-error`}>
                  {err}
                </p>
              ) : null}
              <div class="radio-item">
                <input type="radio" id={`${id}-yes`} name={`met-${x.code}`} value="yes" checked={v.met === 'yes'} />
                <label for={`${id}-yes`}>{t('checklist.assess.met')}</label>
              </div>
              <div class="radio-item">
                <input type="radio" id={`${id}-no`} name={`met-${x.code}`} value="no" checked={v.met === 'no'} />
                <label for={`${id}-no`}>{t('checklist.assess.notMet')}</label>
              </div>
              <div class="field">
                <label for={`${id}-comment`}>{t('checklist.assess.comment')}</label>
                <textarea id={`${id}-comment`} name={`comment-${x.code}`} rows={2} maxLength={2000}>
                  {v.comment}
                </textarea>
              </div>
              <div class="field">
                <label for={`${id}-evidence`}>{t('checklist.assess.evidence')}</label>
                <textarea id={`${id}-evidence`} name={`evidence-${x.code}`} rows={2} maxLength={2000}>
                  {v.evidence}
                </textarea>
              </div>
              {a && a.confirmedMet !== null ? (
                <p class="checklist-confirmed-note">
                  {t('checklist.assess.confirmedNote', {
                    result: a.confirmedMet ? t('checklist.confirm.met') : t('checklist.confirm.notMet'),
                    comment: a.confirmComment ? ` — ${a.confirmComment}` : '',
                  })}
                </p>
              ) : null}
            </fieldset>
          );
        })}
        {props.locked ? null : (
          <div class="form-actions">
            <button type="submit" class="button">
              {t('checklist.assess.submit')}
            </button>
          </div>
        )}
      </PostForm>
    </div>
  );
}
