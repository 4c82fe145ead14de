/**
 * Everything the system holds about one submitter, as JSON (Decree 13/2023/NĐ-CP, the data
 * subject's right to obtain their data): their contact data and, per case, what they wrote, the
 * public timeline, the information requests with their replies, the answer and the list of files.
 * Internal notes and drafts are the agencies' working papers, not data about the person.
 * The export itself is recorded in the audit trail (who asked, which cases), never its contents.
 */
import { type Actor, recordAudit } from '../../platform/audit/record-audit';
import type { Database } from '../../platform/db/client';
import { eventLabel } from '../intake/views/lookup-page';
import { type SubmissionRow, attachmentsOfCases, casesOfSubmitter, infoRequestsOf, publicEventsOf, unitCodes } from './queries';

export const EXPORT_FORMAT = 'nq57.personal-data.v1';

export interface ExportOptions {
  actor: Actor;
  /** staff who verified the person export every case with the same contact; the submitter, the one case */
  sameContact: boolean;
  requestedBy: 'submitter' | 'staff';
  now?: Date;
}

const iso = (d: Date | null | undefined) => (d ? d.toISOString() : null);

export async function exportSubmitterData(db: Database, submission: SubmissionRow, opts: ExportOptions) {
  const cases = await casesOfSubmitter(db, submission, opts.sameContact);
  const ids = cases.map((c) => c.id);
  const [events, infoRequests, files, units] = await Promise.all([
    publicEventsOf(db, ids),
    infoRequestsOf(db, ids),
    attachmentsOfCases(db, ids),
    unitCodes(
      db,
      cases.map((c) => c.locationUnitId),
    ),
  ]);
  const data = {
    format: EXPORT_FORMAT,
    legalBasis: 'Nghị định 13/2023/NĐ-CP về bảo vệ dữ liệu cá nhân',
    exportedAt: (opts.now ?? new Date()).toISOString(),
    submitter: {
      type: submission.submitterType,
      name: submission.submitterName,
      organisationName: submission.organisationName,
      email: submission.submitterEmail,
      phone: submission.submitterPhone,
      address: submission.submitterAddress,
      idNumber: submission.submitterIdNumber,
    },
    cases: cases.map((c) => ({
      code: c.code,
      kind: c.kind,
      topicCode: c.topicCode,
      locationCode: c.locationUnitId ? (units.get(c.locationUnitId) ?? null) : null,
      channel: c.channel,
      status: c.status,
      submittedAt: iso(c.createdAt),
      publishConsent: c.publishConsent,
      submitter: {
        type: c.submitterType,
        name: c.submitterName,
        organisationName: c.organisationName,
        email: c.submitterEmail,
        phone: c.submitterPhone,
        address: c.submitterAddress,
        idNumber: c.submitterIdNumber,
      },
      title: c.title,
      content: c.content,
      problem: c.problem,
      proposal: c.proposal,
      expectedImpact: c.expectedImpact,
      estimatedCost: c.estimatedCost,
      feasibility: c.feasibility,
      timeline: events.filter((e) => e.submissionId === c.id).map((e) => ({ type: e.type, label: eventLabel(e.type, e.data), at: iso(e.createdAt) })),
      informationRequests: infoRequests
        .filter((r) => r.submissionId === c.id)
        .map((r) => ({ question: r.question, askedAt: iso(r.askedAt), reply: r.reply, repliedAt: iso(r.repliedAt) })),
      answer: c.publicAnswer ? { text: c.publicAnswer, answeredAt: iso(c.answeredAt), publishedAt: iso(c.publishedAt) } : null,
      rating: c.rating === null ? null : { rating: c.rating, comment: c.ratingComment, ratedAt: iso(c.ratedAt) },
      attachments: files
        .filter((f) => f.submissionId === c.id)
        .map((f) => ({ fileName: f.fileName, mimeType: f.mimeType, size: f.size, sha256: f.hash, receivedAt: iso(f.createdAt) })),
    })),
  };
  await db.transaction((tx) =>
    recordAudit(tx, opts.actor, {
      action: 'feedback.personal_data_exported',
      entityType: 'feedback_submission',
      entityId: submission.id,
      after: { requestedBy: opts.requestedBy, codes: cases.map((c) => c.code) },
    }),
  );
  return data;
}

export type SubmitterDataExport = Awaited<ReturnType<typeof exportSubmitterData>>;
