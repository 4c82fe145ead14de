/**
 * Moves a bottleneck along: in progress, or resolved with the resolution written down. Done by a
 * reviewer of its task, a leader/officer/admin over its owner unit, or the standing office.
 */
import { and, eq, ne } from 'drizzle-orm';
import { z } from 'zod';
import type { Principal } from '../../org/policies';
import { type Actor, recordAudit } from '../../platform/audit/record-audit';
import type { Database } from '../../platform/db/client';
import { AppError } from '../../platform/errors';
import { t } from '../../platform/i18n';
import { parseInput } from '../../platform/validation';
import { optionalLongText } from './text-fields';
import { canUpdateBottleneck } from './policies';
import { findBottleneck, loadReportTask } from './queries';
import { bottleneck } from './schema';

export const resolveBottleneckInput = z
  .object({
    status: z.enum(['in_progress', 'resolved'], { message: t('field.choose') }),
    resolution: optionalLongText(10_000),
  })
  .superRefine((v, ctx) => {
    if (v.status === 'resolved' && !v.resolution) ctx.addIssue({ code: 'custom', path: ['resolution'], message: t('bottleneck.resolutionRequired') });
  });
export type ResolveBottleneckInput = z.input<typeof resolveBottleneckInput>;

export async function resolveBottleneck(db: Database, id: string, raw: ResolveBottleneckInput, opts: { principal: Principal; actor: Actor; now?: Date }) {
  const found = await findBottleneck(db, id);
  if (!found) throw AppError.of('NOT_FOUND', 'bottleneck.notFound');
  const loaded = found.b.taskId ? await loadReportTask(db, found.b.taskId) : null;
  if (!canUpdateBottleneck(opts.principal, found.ownerUnitPath, loaded?.placement ?? null)) throw AppError.of('FORBIDDEN', 'bottleneck.cannotResolve');
  const input = parseInput(resolveBottleneckInput, raw);
  const now = opts.now ?? new Date();
  return db.transaction(async (tx) => {
    const resolved = input.status === 'resolved';
    const [row] = await tx
      .update(bottleneck)
      .set({
        status: input.status,
        resolution: input.resolution ?? found.b.resolution,
        resolvedBy: resolved ? opts.principal.userId : null,
        resolvedAt: resolved ? now : null,
        updatedAt: now,
      })
      .where(and(eq(bottleneck.id, id), ne(bottleneck.status, 'resolved')))
      .returning();
    if (!row) throw AppError.of('CONFLICT', 'bottleneck.alreadyResolved', undefined, { status: t('bottleneck.alreadyResolved') });
    await recordAudit(tx, opts.actor, {
      action: resolved ? 'bottleneck.resolve' : 'bottleneck.update',
      entityType: 'bottleneck',
      entityId: id,
      before: { status: found.b.status, resolution: found.b.resolution },
      after: { status: row.status, resolution: row.resolution },
    });
    return row;
  });
}
