/**
 * Reads behind the Open311 GeoReport v2 endpoints: topics as services, published cases as service
 * requests. Only published, consented cases are ever returned; no personal data is selected.
 */
import { type SQL, and, asc, desc, eq, gte, inArray, lte, notInArray } from 'drizzle-orm';
import type { Executor } from '../../platform/db/client';
import { feedbackSubmission as s, feedbackTopic } from '../schema';
import { OPEN_STATUSES, agenciesOf, isPublished } from '../public/queries';

export async function listServices(db: Executor) {
  return db.select().from(feedbackTopic).orderBy(asc(feedbackTopic.sortOrder), asc(feedbackTopic.code));
}

export async function findService(db: Executor, code: string) {
  const [row] = await db.select().from(feedbackTopic).where(eq(feedbackTopic.code, code));
  return row ?? null;
}

export interface RequestFilters {
  ids?: string[];
  serviceCode?: string;
  start?: Date;
  end?: Date;
  status?: 'open' | 'closed';
  limit: number;
}

export async function listServiceRequests(db: Executor, f: RequestFilters) {
  const conds: SQL[] = [isPublished];
  if (f.ids) conds.push(inArray(s.code, f.ids));
  if (f.serviceCode) conds.push(eq(s.topicCode, f.serviceCode));
  if (f.start) conds.push(gte(s.createdAt, f.start));
  if (f.end) conds.push(lte(s.createdAt, f.end));
  if (f.status === 'open') conds.push(inArray(s.status, [...OPEN_STATUSES]));
  if (f.status === 'closed') conds.push(notInArray(s.status, [...OPEN_STATUSES]));
  const rows = await db
    .select({
      id: s.id,
      code: s.code,
      kind: s.kind,
      status: s.status,
      title: s.title,
      topicCode: s.topicCode,
      topicName: feedbackTopic.name,
      createdAt: s.createdAt,
      updatedAt: s.updatedAt,
      answerDueOn: s.answerDueOn,
    })
    .from(s)
    .leftJoin(feedbackTopic, eq(feedbackTopic.code, s.topicCode))
    .where(and(...conds))
    .orderBy(desc(s.createdAt), desc(s.code))
    .limit(f.limit);
  const agencies = await agenciesOf(
    db,
    rows.map((r) => r.id),
  );
  return rows.map((r) => ({ ...r, agencies: agencies.get(r.id) ?? [] }));
}
export type ServiceRequestRow = Awaited<ReturnType<typeof listServiceRequests>>[number];

/** The tracking code a POST's token stands for (the token is the submission's id). */
export async function codeForToken(db: Executor, token: string) {
  const [row] = await db.select({ code: s.code }).from(s).where(eq(s.id, token));
  return row?.code ?? null;
}
