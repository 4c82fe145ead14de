/** One report: the claim beside its evidence, the review form for reviewers, and every version. */
import { formatDateTime, t } from '../../../platform/i18n';
import type { FieldErrors } from '../../../platform/errors';
import { ErrorSummary, PostForm } from '../../../web/components/forms';
import type { ReportRow } from '../queries';
import { ReportStatusChip, TextArea, TimelinessChip, formatSize } from './common';

export interface ReportView {
  report: ReportRow;
  task: { id: string; code: string; title: string };
  unitName: string;
  authorName: string;
  reviewerName: string | null;
  evidence: { fileId: string; fileName: string; size: number }[];
  history: ReportRow[];
  canReview: boolean;
  canFix: boolean;
}

function Row(props: { label: string; children: preact.ComponentChildren }) {
  return (
    <div>
      <dt>{props.label}</dt>
      <dd>{props.children}</dd>
    </div>
  );
}

function Paragraphs(props: { text: string | null }) {
  if (!props.text) return <p class="muted">—</p>;
  return (
    <>
      {props.text.split(/\n+/).map((line, i) => (
        <p key={i}>{line}</p>
      ))}
    </>
  );
}

export function ReportPage(props: { csrfToken: string; view: ReportView; errors?: FieldErrors | null; message?: string | null; comment?: string }) {
  const { report: r, task, evidence } = props.view;
  return (
    <div>
      <div class="page-header">
        <h1>
          {t('report.page.title')} — {t('report.page.version', { version: r.version })}
        </h1>
      </div>
      <ErrorSummary errors={props.errors} message={props.message} />
      <dl class="summary-list">
        <Row label={t('report.page.task')}>
          <a href={`/tasks/${task.id}`}>
            {task.code} — {task.title}
          </a>
        </Row>
        <Row label={t('report.page.unit')}>{props.view.unitName}</Row>
        <Row label={t('report.page.author')}>{props.view.authorName}</Row>
        <Row label={t('report.page.period')}>{r.periodLabel ?? t('report.field.kind.ad_hoc')}</Row>
        <Row label={t('report.page.status')}>
          <ReportStatusChip status={r.status} />
        </Row>
        <Row label={t('report.page.submittedAt')}>{formatDateTime(r.submittedAt)}</Row>
        <Row label={t('report.page.dueAt')}>{r.dueAt ? formatDateTime(r.dueAt) : t('report.noDue')}</Row>
        <Row label={t('report.page.timeliness')}>
          <TimelinessChip onTime={r.onTime} />
        </Row>
        <Row label={t('report.page.final')}>{r.isFinal ? t('report.page.yes') : t('report.page.no')}</Row>
        {r.reviewedAt ? (
          <Row label={t('report.page.review')}>
            {t('report.page.reviewed', { name: props.view.reviewerName ?? '', time: formatDateTime(r.reviewedAt) })}
            {r.reviewComment ? <Paragraphs text={r.reviewComment} /> : null}
          </Row>
        ) : null}
      </dl>

      <div class="grid-2">
        <section aria-labelledby="claim-title">
          <h2 id="claim-title">{t('report.page.claim')}</h2>
          <h3>{t('report.field.percentDone')}</h3>
          <p>{r.percentDone}%</p>
          <h3>{t('report.field.doneText')}</h3>
          <Paragraphs text={r.doneText} />
          <h3>{t('report.field.obstaclesText')}</h3>
          <Paragraphs text={r.obstaclesText} />
          <h3>{t('report.field.proposalsText')}</h3>
          <Paragraphs text={r.proposalsText} />
        </section>
        <section aria-labelledby="evidence-title">
          <h2 id="evidence-title">{t('report.page.evidence')}</h2>
          {!r.documentNumber && !r.link && evidence.length === 0 ? <p class="muted">{t('report.page.noEvidence')}</p> : null}
          <dl class="summary-list">
            {r.documentNumber ? <Row label={t('report.field.documentNumber')}>{r.documentNumber}</Row> : null}
            {r.documentDate ? <Row label={t('report.field.documentDate')}>{r.documentDate.split('-').reverse().join('/')}</Row> : null}
            {r.link ? (
              <Row label={t('report.field.link')}>
                <a href={r.link} rel="noopener noreferrer nofollow">
                  {r.link}
                </a>
              </Row>
            ) : null}
          </dl>
          {evidence.length ? (
            <ul class="plain-list">
              {evidence.map((f) => (
                <li key={f.fileId}>
                  <a href={`/reports/${r.id}/files/${f.fileId}`}>{t('report.page.download', { name: f.fileName, size: formatSize(f.size) })}</a>
                </li>
              ))}
            </ul>
          ) : null}
        </section>
      </div>

      {props.view.canReview && r.status === 'submitted' ? (
        <section aria-labelledby="review-title" class="card">
          <h2 id="review-title">{t('report.page.review')}</h2>
          <PostForm action={`/reports/${r.id}/review`} csrfToken={props.csrfToken}>
            <TextArea
              name="comment"
              label={t('report.page.reviewComment')}
              hint={t('report.page.reviewCommentHint')}
              value={props.comment}
              error={props.errors?.comment}
              rows={3}
            />
            <div class="form-actions">
              <button type="submit" name="decision" value="accept">
                {t('report.page.accept')}
              </button>
              <button type="submit" name="decision" value="return" class="button button-secondary">
                {t('report.page.return')}
              </button>
            </div>
          </PostForm>
        </section>
      ) : null}

      {props.view.canFix ? (
        <p>
          <a class="button" href={`/tasks/${task.id}/reports/new?supersedes=${r.id}`}>
            {t('report.page.fix')}
          </a>
        </p>
      ) : null}

      <section aria-labelledby="history-title">
        <h2 id="history-title">{t('report.page.history')}</h2>
        <ol>
          {props.view.history.map((h) => (
            <li key={h.id}>
              {h.id === r.id ? (
                <strong>{t('report.page.version', { version: h.version })}</strong>
              ) : (
                <a href={`/reports/${h.id}`}>{t('report.page.version', { version: h.version })}</a>
              )}{' '}
              — {formatDateTime(h.submittedAt)} — <ReportStatusChip status={h.status} />
              {h.reviewComment ? <span class="muted"> — {h.reviewComment}</span> : null}
            </li>
          ))}
        </ol>
      </section>
    </div>
  );
}
