/**
 * One case for staff: the submission (proposal fields for initiatives and solutions), the
 * submitter (contact data only when the policy allows), attachments, deadlines, each agency's
 * assignment with its answers, information requests, internal notes the viewer may read, the
 * full timeline, and the forms for the actions the viewer may take (each a plain POST form).
 */
import type { ComponentChildren } from 'preact';
import type { FieldErrors } from '../../../platform/errors';
import { t } from '../../../platform/i18n';
import { ErrorSummary, PostForm } from '../../../web/components/forms';
import { PROPOSAL_KINDS, REJECT_REASONS, SUBMISSION_KINDS } from '../../schema';
import type { CaseDetail } from '../queries';
import { AnswerStatusChip, AssignmentStatusChip, CaseStatusChip, Paragraphs, dateTime, eventLabel, isoDate } from './common';

type AssignmentView = CaseDetail['assignments'][number] & {
  canProcess: boolean;
  canApprove: boolean;
  officers: { id: string; fullName: string }[];
};

export interface CasePageView {
  detail: CaseDetail;
  assignments: AssignmentView[];
  notes: CaseDetail['notes'];
  showContact: boolean;
  canTriage: boolean;
  canWriteNote: boolean;
  topics: { code: string; name: string }[];
  forwardTargets: { code: string; name: string }[];
  triagePanel?: ComponentChildren;
  /** the classifier's competent agency, offered in the accept form */
  suggestedAgencyCode?: string;
}

function Row(props: { label: string; children: ComponentChildren }) {
  return (
    <div>
      <dt>{props.label}</dt>
      <dd>{props.children}</dd>
    </div>
  );
}

/** A labelled control whose id is unique on the page (several assignments carry the same forms). */
function Control(props: { id: string; label: string; error?: string; hint?: string; children: (describedBy: string | undefined) => ComponentChildren }) {
  const describedBy = [props.hint ? `${props.id}-hint` : null, props.error ? `${props.id}-error` : null].filter(Boolean).join(' ') || undefined;
  return (
    <div class={props.error ? 'field field-error' : 'field'}>
      <label for={props.id}>{props.label}</label>
      {props.hint ? (
        <p class="hint" id={`${props.id}-hint`}>
          {props.hint}
        </p>
      ) : null}
      {props.error ? (
        <p class="error-message" id={`${props.id}-error`}>
          {props.error}
        </p>
      ) : null}
      {props.children(describedBy)}
    </div>
  );
}

function Area(props: { id: string; name: string; label: string; value?: string; error?: string; hint?: string; rows?: number }) {
  return (
    <Control id={props.id} label={props.label} error={props.error} hint={props.hint}>
      {(d) => (
        <textarea id={props.id} name={props.name} rows={props.rows ?? 4} aria-describedby={d} aria-invalid={props.error ? 'true' : undefined}>
          {props.value ?? ''}
        </textarea>
      )}
    </Control>
  );
}

function Select(props: { id: string; name: string; label: string; options: { value: string; label: string }[]; value?: string; error?: string; multiple?: boolean; hint?: string }) {
  return (
    <Control id={props.id} label={props.label} error={props.error} hint={props.hint}>
      {(d) => (
        <select id={props.id} name={props.name} multiple={props.multiple} size={props.multiple ? 8 : undefined} aria-describedby={d} aria-invalid={props.error ? 'true' : undefined}>
          {props.options.map((o) => (
            <option key={o.value} value={o.value} selected={props.multiple ? (props.value ?? '').split(',').includes(o.value) : o.value === props.value}>
              {o.label}
            </option>
          ))}
        </select>
      )}
    </Control>
  );
}

function Input(props: { id: string; name: string; label: string; value?: string; error?: string; hint?: string }) {
  return (
    <Control id={props.id} label={props.label} error={props.error} hint={props.hint}>
      {(d) => <input id={props.id} name={props.name} type="text" value={props.value ?? ''} aria-describedby={d} aria-invalid={props.error ? 'true' : undefined} />}
    </Control>
  );
}

export function CasePage(props: { csrfToken: string; view: CasePageView; errors?: FieldErrors | null; message?: string | null; values?: Record<string, string> }) {
  const { detail, assignments } = props.view;
  const s = detail.submission;
  const v = props.values ?? {};
  const e = props.errors ?? {};
  const base = `/cases/${s.code}`;
  const isProposal = PROPOSAL_KINDS.includes(s.kind);
  return (
    <div>
      <div class="page-header">
        <h1>{t('cases.page.title', { code: s.code })}</h1>
        <p class="lead">{s.title}</p>
      </div>
      <ErrorSummary message={props.message} />
      {Object.keys(e).length ? (
        <div class="error-summary" role="alert" aria-labelledby="case-errors-title" tabIndex={-1}>
          <h2 id="case-errors-title">{t('error.summaryTitle')}</h2>
          <ul>
            {Object.entries(e).map(([field, msg]) => (
              <li key={field}>{msg}</li>
            ))}
          </ul>
        </div>
      ) : null}

      <section aria-labelledby="case-details-title">
        <h2 id="case-details-title">{t('cases.page.details')}</h2>
        <dl class="summary-list">
          <Row label={t('cases.page.status')}>
            <CaseStatusChip status={s.status} />
          </Row>
          <Row label={t('cases.page.kind')}>{t(`feedback.kind.${s.kind}`)}</Row>
          <Row label={t('cases.page.topic')}>{detail.topicName ?? '—'}</Row>
          {detail.locationName ? <Row label={t('cases.page.location')}>{detail.locationName}</Row> : null}
          <Row label={t('cases.page.channel')}>{t(`feedback.channel.${s.channel}`)}</Row>
          <Row label={t('cases.page.receivedAt')}>{dateTime(s.createdAt)}</Row>
          <Row label={t('cases.page.consent')}>{t(`feedback.consent.${s.publishConsent}`)}</Row>
          {s.rejectReason ? (
            <Row label={t('cases.page.rejectReason')}>
              {t(`feedback.reject.${s.rejectReason}`)}
              {s.rejectNote ? <Paragraphs text={s.rejectNote} /> : null}
            </Row>
          ) : null}
          {detail.mergedIntoCode ? (
            <Row label={t('cases.page.mergedInto')}>
              <a href={`/cases/${detail.mergedIntoCode}`}>{detail.mergedIntoCode}</a>
            </Row>
          ) : null}
        </dl>
        <h3>{t('cases.page.content')}</h3>
        <Paragraphs text={s.content} />
        {isProposal ? (
          <>
            <h3>{t('cases.page.problem')}</h3>
            <Paragraphs text={s.problem} />
            <h3>{t('cases.page.proposal')}</h3>
            <Paragraphs text={s.proposal} />
            <h3>{t('cases.page.expectedImpact')}</h3>
            <Paragraphs text={s.expectedImpact} />
            <h3>{t('cases.page.estimatedCost')}</h3>
            <Paragraphs text={s.estimatedCost} />
            <h3>{t('cases.page.feasibility')}</h3>
            <Paragraphs text={s.feasibility} />
          </>
        ) : null}
      </section>

      <div class="grid-2">
        <section aria-labelledby="case-submitter-title">
          <h2 id="case-submitter-title">{t('cases.page.submitter')}</h2>
          <dl class="summary-list">
            <Row label={t('cases.page.name')}>{s.submitterName}</Row>
            <Row label={t('cases.page.submitterType')}>{t(`feedback.submitter.${s.submitterType}`)}</Row>
            {s.organisationName ? <Row label={t('cases.page.organisation')}>{s.organisationName}</Row> : null}
            {props.view.showContact ? (
              <>
                <Row label={t('cases.page.email')}>{s.submitterEmail ?? '—'}</Row>
                <Row label={t('cases.page.phone')}>{s.submitterPhone ?? '—'}</Row>
                <Row label={t('cases.page.address')}>{s.submitterAddress ?? '—'}</Row>
                <Row label={t('cases.page.idNumber')}>{s.submitterIdNumber ?? '—'}</Row>
              </>
            ) : null}
          </dl>
          {props.view.showContact ? null : <p class="muted">{t('cases.page.contactHidden')}</p>}
        </section>
        <section aria-labelledby="case-deadlines-title">
          <h2 id="case-deadlines-title">{t('cases.page.deadlines')}</h2>
          <dl class="summary-list">
            <Row label={t('cases.page.forwardDue')}>{isoDate(s.forwardDueOn)}</Row>
            <Row label={t('cases.page.answerDue')}>{isoDate(s.answerDueOn)}</Row>
            <Row label={t('cases.page.nextUpdateDue')}>{isoDate(s.nextUpdateDueOn)}</Row>
          </dl>
          {s.pausedAt ? <p class="notice notice-info">{t('cases.page.paused', { time: dateTime(s.pausedAt) })}</p> : null}
          <h3>{t('cases.page.attachments')}</h3>
          {detail.attachments.length === 0 ? (
            <p class="muted">{t('cases.page.noAttachments')}</p>
          ) : (
            <ul class="plain-list">
              {detail.attachments.map((f) => (
                <li key={f.fileId}>
                  <a href={`${base}/files/${f.fileId}`}>{f.fileName}</a> <span class="muted">({Math.max(1, Math.round(Number(f.size) / 1024))} KB)</span>
                </li>
              ))}
            </ul>
          )}
        </section>
      </div>

      {s.publicAnswer ? (
        <section aria-labelledby="case-answer-title" class="card">
          <h2 id="case-answer-title">{t('cases.page.publicAnswer')}</h2>
          <Paragraphs text={s.publicAnswer} />
          <p class="muted">{s.publishedAt ? t('cases.page.publishedAt', { time: dateTime(s.publishedAt) }) : t('cases.page.notPublished')}</p>
        </section>
      ) : null}

      {props.view.canTriage && s.status === 'received' ? (
        <section aria-labelledby="case-triage-title" class="card">
          <h2 id="case-triage-title">{t('cases.page.actions')}</h2>
          {props.view.triagePanel ?? null}
          <h3>{t('cases.action.accept')}</h3>
          <PostForm action={`${base}/accept`} csrfToken={props.csrfToken}>
            <Select
              id="accept-kind"
              name="kind"
              label={t('cases.page.kind')}
              value={v.kind ?? s.kind}
              options={SUBMISSION_KINDS.map((k) => ({ value: k, label: t(`feedback.kind.${k}`) }))}
              error={e.kind}
            />
            <Select id="accept-topic" name="topicCode" label={t('cases.page.topic')} value={v.topicCode ?? s.topicCode ?? ''} options={props.view.topics.map((tp) => ({ value: tp.code, label: tp.name }))} error={e.topicCode} />
            <Input id="accept-agency" name="agencyCode" label={t('cases.action.agencyCode')} hint={t('cases.action.agencyCodeHint')} value={v.agencyCode ?? props.view.suggestedAgencyCode} error={e.agencyCode} />
            <div class="form-actions">
              <button type="submit">{t('cases.action.acceptSubmit')}</button>
            </div>
          </PostForm>
          <h3>{t('cases.action.forward')}</h3>
          <ForwardForm base={base} csrfToken={props.csrfToken} targets={props.view.forwardTargets} values={v} errors={e} />
          <h3>{t('cases.action.reject')}</h3>
          <PostForm action={`${base}/reject`} csrfToken={props.csrfToken}>
            <Select
              id="reject-reason"
              name="reason"
              label={t('cases.action.rejectReason')}
              value={v.reason}
              options={[{ value: '', label: t('cases.action.choose') }, ...REJECT_REASONS.map((r) => ({ value: r, label: t(`feedback.reject.${r}`) }))]}
              error={e.reason}
            />
            <Area id="reject-note" name="note" label={t('cases.action.rejectNote')} value={v.note} error={e.note} rows={3} />
            <div class="form-actions">
              <button type="submit" class="button button-danger">
                {t('cases.action.rejectSubmit')}
              </button>
            </div>
          </PostForm>
          <h3>{t('cases.action.merge')}</h3>
          <PostForm action={`${base}/merge`} csrfToken={props.csrfToken}>
            <Input id="merge-target" name="targetCode" label={t('cases.action.mergeTarget')} hint={t('cases.action.mergeTargetHint')} value={v.targetCode} error={e.targetCode} />
            <div class="form-actions">
              <button type="submit" class="button button-secondary">
                {t('cases.action.mergeSubmit')}
              </button>
            </div>
          </PostForm>
        </section>
      ) : null}

      <section aria-labelledby="case-assignments-title">
        <h2 id="case-assignments-title">{t('cases.page.assignments')}</h2>
        {assignments.length === 0 ? <p class="muted">{t('cases.page.noAssignments')}</p> : null}
        {assignments.map((a) => (
          <AssignmentCard key={a.id} a={a} base={base} csrfToken={props.csrfToken} caseStatus={s.status} values={v} errors={e} />
        ))}
        {props.view.canTriage && ['forwarded', 'in_progress', 'awaiting_info'].includes(s.status) ? (
          <div class="card">
            <h3>{t('cases.action.forward')}</h3>
            <ForwardForm base={base} csrfToken={props.csrfToken} targets={props.view.forwardTargets} values={v} errors={e} />
          </div>
        ) : null}
      </section>

      {detail.infoRequests.length ? (
        <section aria-labelledby="case-info-title">
          <h2 id="case-info-title">{t('cases.page.infoRequests')}</h2>
          <ol>
            {detail.infoRequests.map((r) => (
              <li key={r.id}>
                <p>
                  <strong>{dateTime(r.askedAt)}</strong>: {r.question}
                </p>
                <p>
                  {t('cases.page.reply')}: {r.reply ? `${r.reply} (${dateTime(r.repliedAt)})` : t('cases.page.noReply')}
                </p>
              </li>
            ))}
          </ol>
        </section>
      ) : null}

      <section aria-labelledby="case-notes-title">
        <h2 id="case-notes-title">{t('cases.page.notes')}</h2>
        {props.view.notes.length === 0 ? (
          <p class="muted">{t('cases.page.noNotes')}</p>
        ) : (
          <ul class="plain-list">
            {props.view.notes.map((n) => (
              <li key={n.id}>
                <p class="muted">
                  {dateTime(n.createdAt)} — {n.authorName} ({n.unitName})
                </p>
                <Paragraphs text={n.body} />
              </li>
            ))}
          </ul>
        )}
        {props.view.canWriteNote ? (
          <PostForm action={`${base}/notes`} csrfToken={props.csrfToken}>
            <Area id="note-body" name="body" label={t('cases.action.noteBody')} value={v.noteBody} error={e.body} rows={3} />
            <div class="form-actions">
              <button type="submit" class="button button-secondary">
                {t('cases.action.noteSubmit')}
              </button>
            </div>
          </PostForm>
        ) : null}
      </section>

      <section aria-labelledby="case-timeline-title">
        <h2 id="case-timeline-title">{t('cases.page.timeline')}</h2>
        <ol class="case-timeline">
          {detail.events.map((ev) => (
            <li key={ev.id}>
              <span class="muted">{dateTime(ev.createdAt)}</span> — {eventLabel(ev.type, (ev.data ?? {}) as Record<string, unknown>)}
              {ev.actorName ? <span class="muted"> ({ev.actorName})</span> : null}{' '}
              <span class="chip chip-neutral">{ev.isPublic ? t('cases.page.publicEvent') : t('cases.page.internalEvent')}</span>
            </li>
          ))}
        </ol>
      </section>
    </div>
  );
}

function ForwardForm(props: { base: string; csrfToken: string; targets: { code: string; name: string }[]; values: Record<string, string>; errors: FieldErrors }) {
  return (
    <PostForm action={`${props.base}/forward`} csrfToken={props.csrfToken}>
      <Select
        id={`forward-units-${props.base.length}`}
        name="unitCodes"
        label={t('cases.action.forwardUnits')}
        hint={t('cases.action.forwardUnitsHint')}
        multiple
        value={props.values.unitCodes}
        options={props.targets.map((u) => ({ value: u.code, label: `${u.name} (${u.code})` }))}
        error={props.errors.unitCodes}
      />
      <Input id={`forward-other-${props.base.length}`} name="otherUnitCodes" label={t('cases.action.forwardOther')} value={props.values.otherUnitCodes} />
      <Area id={`forward-instruction-${props.base.length}`} name="instruction" label={t('cases.action.instruction')} value={props.values.instruction} error={props.errors.instruction} rows={3} />
      <div class="form-actions">
        <button type="submit">{t('cases.action.forwardSubmit')}</button>
      </div>
    </PostForm>
  );
}

function AssignmentCard(props: { a: AssignmentView; base: string; csrfToken: string; caseStatus: string; values: Record<string, string>; errors: FieldErrors }) {
  const { a } = props;
  const url = `${props.base}/assignments/${a.id}`;
  const id = (name: string) => `${name}-${a.id.slice(0, 8)}`;
  const latest = a.answers[a.answers.length - 1] ?? null;
  const editable = a.canProcess && a.status === 'accepted' && latest?.status !== 'pending_approval';
  const v = props.values.assignmentId === a.id ? props.values : {};
  const e = props.values.assignmentId === a.id ? props.errors : {};
  return (
    <article class="card" aria-labelledby={id('assignment-title')}>
      <h3 id={id('assignment-title')}>
        {a.unitName} <AssignmentStatusChip status={a.status} />
      </h3>
      <dl class="summary-list">
        <Row label={t('cases.page.answerDue')}>{isoDate(a.answerDueOn)}</Row>
        <Row label={t('cases.page.officer')}>{a.officerName ?? t('cases.page.noOfficer')}</Row>
        {a.row.instruction ? <Row label={t('cases.page.instruction')}>{a.row.instruction}</Row> : null}
        {a.row.returnReason ? <Row label={t('cases.page.returnReason')}>{a.row.returnReason}</Row> : null}
        {latest ? (
          <Row label={t('cases.page.answerStatus')}>
            <AnswerStatusChip status={latest.status} />
          </Row>
        ) : null}
        {latest?.reviewComment && latest.status !== 'approved' ? <Row label={t('cases.page.reviewComment')}>{latest.reviewComment}</Row> : null}
      </dl>
      {latest ? (
        <>
          <h4>{t('cases.page.answer')}</h4>
          <Paragraphs text={latest.body} />
        </>
      ) : null}

      {a.canProcess && a.status === 'forwarded' ? (
        <PostForm action={`${url}/accept`} csrfToken={props.csrfToken}>
          <div class="form-actions">
            <button type="submit">{t('cases.action.acceptAssignment')}</button>
          </div>
        </PostForm>
      ) : null}
      {a.canProcess && (a.status === 'forwarded' || a.status === 'accepted') ? (
        <details>
          <summary>{t('cases.action.returnAssignment')}</summary>
          <PostForm action={`${url}/return`} csrfToken={props.csrfToken}>
            <Area id={id('return-reason')} name="reason" label={t('cases.action.returnReason')} value={v.reason} error={e.reason} rows={3} />
            <div class="form-actions">
              <button type="submit" class="button button-danger">
                {t('cases.action.returnSubmit')}
              </button>
            </div>
          </PostForm>
        </details>
      ) : null}
      {a.canProcess && a.status === 'accepted' ? (
        <>
          <h4>{t('cases.action.assignOfficer')}</h4>
          <PostForm action={`${url}/officer`} csrfToken={props.csrfToken}>
            <Select
              id={id('officer')}
              name="userId"
              label={t('cases.action.officer')}
              value={v.userId ?? a.assignedOfficerId ?? ''}
              options={a.officers.map((o) => ({ value: o.id, label: o.fullName }))}
              error={e.userId}
            />
            <div class="form-actions">
              <button type="submit" class="button button-secondary">
                {t('cases.action.assignSubmit')}
              </button>
            </div>
          </PostForm>
          {props.caseStatus === 'in_progress' ? (
            <>
              <h4>{t('cases.action.requestInfo')}</h4>
              <PostForm action={`${url}/info-request`} csrfToken={props.csrfToken}>
                <Area id={id('question')} name="question" label={t('cases.action.question')} value={v.question} error={e.question} rows={3} />
                <div class="form-actions">
                  <button type="submit" class="button button-secondary">
                    {t('cases.action.requestInfoSubmit')}
                  </button>
                </div>
              </PostForm>
            </>
          ) : null}
          <h4>{t('cases.action.statusUpdate')}</h4>
          <PostForm action={`${url}/status-update`} csrfToken={props.csrfToken}>
            <Area id={id('status-message')} name="message" label={t('cases.action.statusMessage')} value={v.message} error={e.message} rows={2} />
            <div class="form-actions">
              <button type="submit" class="button button-secondary">
                {t('cases.action.statusSubmit')}
              </button>
            </div>
          </PostForm>
        </>
      ) : null}
      {editable ? (
        <>
          <h4>{t('cases.action.draft')}</h4>
          <PostForm action={`${url}/answer`} csrfToken={props.csrfToken}>
            <Area id={id('answer-body')} name="body" label={t('cases.action.draftBody')} value={v.body ?? latest?.body ?? ''} error={e.body} rows={8} />
            <div class="form-actions">
              <button type="submit" class="button button-secondary">
                {t('cases.action.draftSave')}
              </button>
            </div>
          </PostForm>
          {latest?.status === 'draft' ? (
            <PostForm action={`${url}/answer/submit`} csrfToken={props.csrfToken}>
              <div class="form-actions">
                <button type="submit">{t('cases.action.submitAnswer')}</button>
              </div>
            </PostForm>
          ) : null}
        </>
      ) : null}
      {a.canApprove && a.status === 'accepted' && latest?.status === 'pending_approval' ? (
        <>
          <h4>{t('cases.action.approve')}</h4>
          <PostForm action={`${url}/answer/approve`} csrfToken={props.csrfToken}>
            <div class="form-actions">
              <button type="submit">{t('cases.action.approveSubmit')}</button>
            </div>
          </PostForm>
          <PostForm action={`${url}/answer/return`} csrfToken={props.csrfToken}>
            <Area id={id('return-comment')} name="comment" label={t('cases.action.returnComment')} value={v.comment} error={e.comment} rows={3} />
            <div class="form-actions">
              <button type="submit" class="button button-secondary">
                {t('cases.action.returnAnswerSubmit')}
              </button>
            </div>
          </PostForm>
        </>
      ) : null}
    </article>
  );
}
