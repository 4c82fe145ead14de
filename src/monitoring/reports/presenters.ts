/** JSON shapes of the reports and bottlenecks API. */
import { z } from 'zod';
import { BOTTLENECK_STATUSES, REPORT_KINDS, REPORT_STATUSES } from './schema';
import type { BottleneckRow, ReportRow } from './queries';

export const evidenceOut = z.object({ fileId: z.string(), fileName: z.string(), size: z.number(), mimeType: z.string(), url: z.string() });

export const reportOut = z.object({
  id: z.string(),
  taskId: z.string(),
  reportingUnitId: z.string(),
  authorId: z.string(),
  kind: z.enum(REPORT_KINDS),
  periodLabel: z.string().nullable(),
  periodStart: z.string().nullable(),
  periodEnd: z.string().nullable(),
  percentDone: z.number(),
  doneText: z.string(),
  obstaclesText: z.string().nullable(),
  proposalsText: z.string().nullable(),
  isFinal: z.boolean(),
  documentNumber: z.string().nullable(),
  documentDate: z.string().nullable(),
  link: z.string().nullable(),
  status: z.enum(REPORT_STATUSES),
  submittedAt: z.string().nullable(),
  dueAt: z.string().nullable(),
  onTime: z.boolean().nullable(),
  reviewedBy: z.string().nullable(),
  reviewedAt: z.string().nullable(),
  reviewComment: z.string().nullable(),
  version: z.number(),
  supersedesId: z.string().nullable(),
  evidence: z.array(evidenceOut),
});

const iso = (d: Date | null) => (d ? d.toISOString() : null);

export function presentReport(r: ReportRow, evidence: { fileId: string; fileName: string; size: number; mimeType: string }[] = []): z.infer<typeof reportOut> {
  return {
    id: r.id,
    taskId: r.taskId,
    reportingUnitId: r.reportingUnitId,
    authorId: r.authorId,
    kind: r.kind,
    periodLabel: r.periodLabel,
    periodStart: r.periodStart,
    periodEnd: r.periodEnd,
    percentDone: r.percentDone,
    doneText: r.doneText,
    obstaclesText: r.obstaclesText,
    proposalsText: r.proposalsText,
    isFinal: r.isFinal,
    documentNumber: r.documentNumber,
    documentDate: r.documentDate,
    link: r.link,
    status: r.status,
    submittedAt: iso(r.submittedAt),
    dueAt: iso(r.dueAt),
    onTime: r.onTime,
    reviewedBy: r.reviewedBy,
    reviewedAt: iso(r.reviewedAt),
    reviewComment: r.reviewComment,
    version: r.version,
    supersedesId: r.supersedesId,
    evidence: evidence.map((e) => ({ ...e, url: `/reports/${r.id}/files/${e.fileId}` })),
  };
}

export const bottleneckOut = z.object({
  id: z.string(),
  title: z.string(),
  description: z.string().nullable(),
  status: z.enum(BOTTLENECK_STATUSES),
  resolution: z.string().nullable(),
  taskId: z.string().nullable(),
  taskCode: z.string().nullable(),
  reportId: z.string().nullable(),
  ownerUnit: z.object({ id: z.string(), code: z.string(), name: z.string() }),
  createdAt: z.string(),
  resolvedAt: z.string().nullable(),
});

export function presentBottleneck(b: BottleneckRow): z.infer<typeof bottleneckOut> {
  return {
    id: b.id,
    title: b.title,
    description: b.description,
    status: b.status,
    resolution: b.resolution,
    taskId: b.taskId,
    taskCode: b.taskCode,
    reportId: b.reportId,
    ownerUnit: { id: b.ownerUnitId, code: b.ownerUnitCode, name: b.ownerUnitName },
    createdAt: b.createdAt.toISOString(),
    resolvedAt: iso(b.resolvedAt),
  };
}
