/** Reads behind the triage panel: the display names of the suggested topic and agency. */
import { inArray } from 'drizzle-orm';
import type { Executor } from '../../platform/db/client';
import { orgUnit } from '../../org/schema';
import { feedbackTopic } from '../schema';

export interface TriageNames {
  topics: Map<string, string>;
  agencies: Map<string, string>;
}

/** Names of the given topic and unit codes (unknown codes are simply absent). */
export async function triageNames(db: Executor, codes: { topicCodes: string[]; agencyCodes: string[] }): Promise<TriageNames> {
  const topicCodes = [...new Set(codes.topicCodes)];
  const agencyCodes = [...new Set(codes.agencyCodes)];
  const topics = topicCodes.length
    ? await db.select({ code: feedbackTopic.code, name: feedbackTopic.name }).from(feedbackTopic).where(inArray(feedbackTopic.code, topicCodes))
    : [];
  const agencies = agencyCodes.length
    ? await db.select({ code: orgUnit.code, name: orgUnit.name }).from(orgUnit).where(inArray(orgUnit.code, agencyCodes))
    : [];
  return { topics: new Map(topics.map((r) => [r.code, r.name])), agencies: new Map(agencies.map((r) => [r.code, r.name])) };
}
