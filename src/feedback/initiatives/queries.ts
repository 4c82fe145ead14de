/** Reads for the initiative queue and one proposal with its expert reviews. */
import { and, asc, desc, eq, inArray, isNull, notInArray, or, sql } from 'drizzle-orm';
import { appUser } from '../../org/schema';
import type { Executor } from '../../platform/db/client';
import { feedbackAttachment, feedbackSubmission as s, feedbackTopic, initiativeReview as r, PROPOSAL_KINDS } from '../schema';
import { publicTaskProgress } from '../public/queries';

export const CRITERIA = ['novelty', 'feasibility', 'impact', 'cost'] as const;
export type Criterion = (typeof CRITERIA)[number];

/** Decisions after which nothing changes; 'study' keeps the proposal open for more review. */
export const FINAL_DECISIONS = ['adopt', 'not_adopt'] as const;

export async function initiativeQueue(db: Executor, opts: { decided: boolean; viewerId: string; limit?: number }) {
  const open = or(isNull(s.decision), eq(s.decision, 'study'));
  const rows = await db
    .select({
      id: s.id,
      code: s.code,
      kind: s.kind,
      title: s.title,
      topicName: feedbackTopic.name,
      decision: s.decision,
      createdAt: s.createdAt,
      reviews: sql<number>`(SELECT count(*)::int FROM ${r} WHERE ${r.submissionId} = ${s.id})`,
      average: sql<number | null>`(SELECT round(avg((${r.novelty} + ${r.feasibility} + ${r.impact} + ${r.cost}) / 4.0), 2)::float8 FROM ${r} WHERE ${r.submissionId} = ${s.id})`,
      mine: sql<boolean>`EXISTS (SELECT 1 FROM ${r} WHERE ${r.submissionId} = ${s.id} AND ${r.reviewerId} = ${opts.viewerId})`,
    })
    .from(s)
    .leftJoin(feedbackTopic, eq(feedbackTopic.code, s.topicCode))
    .where(and(inArray(s.kind, [...PROPOSAL_KINDS]), notInArray(s.status, ['rejected', 'merged']), opts.decided ? sql`NOT (${open})` : open))
    .orderBy(opts.decided ? desc(s.decidedAt) : asc(s.createdAt))
    .limit(opts.limit ?? 200);
  return rows;
}

export async function findProposal(db: Executor, code: string) {
  const [row] = await db
    .select({ submission: s, topicName: feedbackTopic.name })
    .from(s)
    .leftJoin(feedbackTopic, eq(feedbackTopic.code, s.topicCode))
    .where(eq(s.code, code));
  return row ?? null;
}

export async function proposalReviews(db: Executor, submissionId: string) {
  return db
    .select({ review: r, reviewerName: appUser.fullName })
    .from(r)
    .innerJoin(appUser, eq(appUser.id, r.reviewerId))
    .where(eq(r.submissionId, submissionId))
    .orderBy(asc(r.createdAt));
}

export async function proposalAttachments(db: Executor, submissionId: string) {
  return db.select({ fileName: feedbackAttachment.fileName, createdAt: feedbackAttachment.createdAt }).from(feedbackAttachment).where(eq(feedbackAttachment.submissionId, submissionId)).orderBy(asc(feedbackAttachment.createdAt));
}

/** Average score per criterion and overall, rounded to two decimals; null without reviews. */
export function averageScores(reviews: { novelty: number; feasibility: number; impact: number; cost: number }[]) {
  if (reviews.length === 0) return null;
  const avg = (k: Criterion) => Math.round((reviews.reduce((sum, x) => sum + x[k], 0) / reviews.length) * 100) / 100;
  const per = { novelty: avg('novelty'), feasibility: avg('feasibility'), impact: avg('impact'), cost: avg('cost') };
  return { ...per, overall: Math.round(((per.novelty + per.feasibility + per.impact + per.cost) / 4) * 100) / 100, count: reviews.length };
}

export { publicTaskProgress };
