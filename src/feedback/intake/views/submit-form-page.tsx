/**
 * The PAKN-GPSK form, for the public (/feedback/new, with the arithmetic question and a hidden
 * honeypot) and for staff recording a case (/cases/new, with the channel). It works without
 * JavaScript: the initiative/solution section is always shown with a hint; a small same-origin
 * script may hide it and suggest similar published cases while typing.
 */
import type { FieldErrors } from '../../../platform/errors';
import { type MessageKey, t } from '../../../platform/i18n';
import { CsrfField, ErrorSummary, Field, FileField, SelectField, TextArea } from '../../../web/components/forms';
import { PUBLISH_CONSENTS, SUBMISSION_KINDS, SUBMITTER_TYPES } from '../../schema';
import type { SimilarCase } from '../queries';
import { MAX_FEEDBACK_FILE_MB, MAX_FEEDBACK_FILES } from '../attachments';

export const FORM_FIELDS = [
  'kind',
  'topicCode',
  'title',
  'content',
  'problem',
  'proposal',
  'expectedImpact',
  'estimatedCost',
  'feasibility',
  'submitterType',
  'submitterName',
  'organisationName',
  'submitterEmail',
  'submitterPhone',
  'submitterAddress',
  'submitterIdNumber',
  'locationCode',
  'publishConsent',
] as const;
export type FormValues = Record<(typeof FORM_FIELDS)[number] | 'idempotencyKey' | 'channel', string> & { termsAgree: boolean };

export const STAFF_CHANNELS = ['post', 'phone', 'email', 'in_person'] as const;

export function SimilarList(props: { cases: SimilarCase[] | null }) {
  if (!props.cases) return null;
  return (
    <section class="notice notice-info similar-cases" aria-labelledby="similar-title" id="similar">
      <h2 id="similar-title">{t('intake.similar.title')}</h2>
      {props.cases.length === 0 ? (
        <p>{t('intake.similar.none')}</p>
      ) : (
        <>
          <p>{t('intake.similar.lead')}</p>
          <ul class="plain-list">
            {props.cases.map((c) => (
              <li key={c.code}>
                <a href={c.url}>{c.title}</a> <span class="muted mono">{c.code}</span>
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}

function RadioGroup(props: { name: string; legend: string; options: { value: string; label: string }[]; value: string; error?: string }) {
  const id = `f-${props.name}`;
  return (
    <fieldset class={props.error ? 'field field-error' : 'field'} id={id} aria-describedby={props.error ? `${id}-error` : undefined}>
      <legend>{props.legend}</legend>
      {props.error ? (
        <p class="error-message" id={`${id}-error`}>
          {props.error}
        </p>
      ) : null}
      {props.options.map((o) => (
        <div key={o.value} class="radio-item">
          <input type="radio" id={`${id}-${o.value}`} name={props.name} value={o.value} checked={props.value === o.value} />
          <label for={`${id}-${o.value}`}>{o.label}</label>
        </div>
      ))}
    </fieldset>
  );
}

export function SubmitFormPage(props: {
  mode: 'public' | 'staff';
  csrfToken: string;
  values: FormValues;
  topics: { code: string; name: string }[];
  provinces: { code: string; name: string }[];
  challenge?: { token: string; question: string } | null;
  errors?: FieldErrors | null;
  message?: string | null;
  similar?: SimilarCase[] | null;
  filesDropped?: boolean;
}) {
  const e = props.errors ?? {};
  const v = props.values;
  const staff = props.mode === 'staff';
  const action = staff ? '/cases/new' : '/feedback/new';
  const labels: Record<string, string> = Object.fromEntries(
    [...FORM_FIELDS, 'files', 'challengeAnswer', 'channel', 'termsAgree'].map((f) => [f, t(`intake.field.${f}` as MessageKey).replace(/ \*$/, '')]),
  );
  labels.challengeAnswer = t('intake.form.sectionCheck');
  return (
    <div class="feedback-form">
      <h1>{staff ? t('intake.form.staffTitle') : t('intake.form.title')}</h1>
      <p class="lead">{staff ? t('intake.form.staffLead') : t('intake.form.lead')}</p>
      {staff ? null : (
        <p>
          <a href="/feedback/terms">{t('intake.landing.terms')}</a>
        </p>
      )}
      <ErrorSummary errors={props.errors} message={props.message} labels={labels} />
      {props.filesDropped ? <p class="notice notice-warning">{t('intake.form.filesAgain')}</p> : null}
      <SimilarList cases={props.similar ?? null} />
      <form method="post" action={action} enctype="multipart/form-data" noValidate data-feedback-form="">
        <CsrfField token={props.csrfToken} />
        <input type="hidden" name="idempotencyKey" value={v.idempotencyKey} />
        {props.challenge ? <input type="hidden" name="challenge" value={props.challenge.token} /> : null}
        <fieldset>
          <legend>{t('intake.form.sectionCase')}</legend>
          {staff ? (
            <SelectField
              name="channel"
              label={t('intake.field.channel')}
              options={[{ value: '', label: t('intake.field.choose') }, ...STAFF_CHANNELS.map((c) => ({ value: c, label: t(`feedback.channel.${c}`) }))]}
              value={v.channel}
              error={e.channel}
            />
          ) : null}
          <RadioGroup
            name="kind"
            legend={t('intake.field.kind')}
            options={SUBMISSION_KINDS.map((k) => ({ value: k, label: t(`feedback.kind.${k}`) }))}
            value={v.kind}
            error={e.kind}
          />
          <SelectField
            name="topicCode"
            label={t('intake.field.topic')}
            options={[{ value: '', label: t('intake.field.choose') }, ...props.topics.map((tp) => ({ value: tp.code, label: tp.name }))]}
            value={v.topicCode}
            error={e.topicCode}
          />
          <Field name="title" label={t('intake.field.title')} value={v.title} error={e.title} maxLength={200} />
          <TextArea name="content" label={t('intake.field.content')} value={v.content} error={e.content} rows={8} />
          <div class="form-actions">
            <button type="submit" name="action" value="check" class="button button-secondary" formNoValidate>
              {t('intake.form.checkSimilar')}
            </button>
          </div>
        </fieldset>
        <fieldset class="proposal-section" data-proposal-section="">
          <legend>{t('intake.form.sectionProposal')}</legend>
          <p class="hint">{t('intake.form.proposalHint')}</p>
          <TextArea name="problem" label={t('intake.field.problem')} value={v.problem} error={e.problem} rows={4} />
          <TextArea name="proposal" label={t('intake.field.proposal')} value={v.proposal} error={e.proposal} rows={4} />
          <TextArea name="expectedImpact" label={t('intake.field.expectedImpact')} value={v.expectedImpact} error={e.expectedImpact} rows={3} />
          <TextArea name="estimatedCost" label={t('intake.field.estimatedCost')} value={v.estimatedCost} error={e.estimatedCost} rows={2} />
          <TextArea name="feasibility" label={t('intake.field.feasibility')} value={v.feasibility} error={e.feasibility} rows={3} />
        </fieldset>
        <fieldset>
          <legend>{t('intake.form.sectionSubmitter')}</legend>
          <SelectField
            name="submitterType"
            label={t('intake.field.submitterType')}
            options={[{ value: '', label: t('intake.field.choose') }, ...SUBMITTER_TYPES.map((s) => ({ value: s, label: t(`feedback.submitter.${s}`) }))]}
            value={v.submitterType}
            error={e.submitterType}
          />
          <Field name="submitterName" label={t('intake.field.submitterName')} value={v.submitterName} error={e.submitterName} autocomplete="name" maxLength={200} />
          <Field name="organisationName" label={t('intake.field.organisationName')} value={v.organisationName} error={e.organisationName} autocomplete="organization" />
          <Field
            name="submitterEmail"
            type="email"
            label={t('intake.field.submitterEmail')}
            hint={t('intake.field.contactHint')}
            value={v.submitterEmail}
            error={e.submitterEmail}
            autocomplete="email"
          />
          <Field name="submitterPhone" type="tel" label={t('intake.field.submitterPhone')} value={v.submitterPhone} error={e.submitterPhone} autocomplete="tel" inputMode="tel" />
          <Field name="submitterAddress" label={t('intake.field.submitterAddress')} value={v.submitterAddress} error={e.submitterAddress} autocomplete="street-address" />
          <Field
            name="submitterIdNumber"
            label={t('intake.field.submitterIdNumber')}
            hint={t('intake.field.idHint')}
            value={v.submitterIdNumber}
            error={e.submitterIdNumber}
            inputMode="numeric"
            maxLength={20}
          />
          <SelectField
            name="locationCode"
            label={t('intake.field.locationCode')}
            options={[{ value: '', label: t('intake.field.locationNone') }, ...props.provinces.map((p) => ({ value: p.code, label: p.name }))]}
            value={v.locationCode}
            error={e.locationCode}
          />
          <RadioGroup
            name="publishConsent"
            legend={t('intake.field.publishConsent')}
            options={PUBLISH_CONSENTS.map((c) => ({ value: c, label: t(`feedback.consent.${c}`) }))}
            value={v.publishConsent}
            error={e.publishConsent}
          />
        </fieldset>
        <fieldset>
          <legend>{t('intake.form.sectionFiles')}</legend>
          <FileField name="files" label={t('intake.field.files')} hint={t('intake.field.filesHint')} accept=".pdf,.doc,.docx,.xls,.xlsx,.jpg,.jpeg,.png" error={e.files} data={{ 'max-files': String(MAX_FEEDBACK_FILES), 'max-mb': String(MAX_FEEDBACK_FILE_MB) }} />
        </fieldset>
        {staff ? null : (
          <fieldset>
            <legend>{t('intake.form.sectionCheck')}</legend>
            <div class="hp-field" aria-hidden="true">
              <label for="f-website">{t('intake.field.website')}</label>
              <input id="f-website" type="text" name="website" value="" tabIndex={-1} autoComplete="off" />
            </div>
            {props.challenge ? (
              <Field
                name="challengeAnswer"
                label={t('intake.field.challenge', { question: props.challenge.question })}
                hint={t('intake.field.challengeHint')}
                value=""
                error={e.challengeAnswer}
                inputMode="numeric"
                maxLength={20}
                autocomplete="off"
              />
            ) : null}
            <div class={e.termsAgree ? 'field field-error' : 'field'} id="f-termsAgree">
              {e.termsAgree ? <p class="error-message">{e.termsAgree}</p> : null}
              <input type="checkbox" id="f-termsAgree-box" name="termsAgree" value="on" checked={v.termsAgree} />
              <label for="f-termsAgree-box">
                {t('intake.field.termsAgree')} (<a href="/feedback/terms">{t('intake.landing.terms')}</a>)
              </label>
            </div>
          </fieldset>
        )}
        <div class="form-actions">
          <button type="submit" name="action" value="submit" class="button">
            {t('intake.form.submit')}
          </button>
        </div>
      </form>
      <script src="/assets/feedback-intake.js" defer />
    </div>
  );
}
