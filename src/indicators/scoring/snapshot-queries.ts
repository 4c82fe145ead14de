/** Reads of frozen score snapshots: the list of months, and one month's rows as UnitScores. */
import { and, desc, eq, lt, sql } from 'drizzle-orm';
import { orgUnit } from '../../org/schema';
import type { Executor } from '../../platform/db/client';
import { scoreConfig, scoreSnapshot, scoreSnapshotRow } from '../schema';
import type { ComponentScore, ScoreComponent, ScoreDimension, ScoredUnitClass, UnitScore } from './types';

export interface SnapshotInfo {
  id: string;
  period: string;
  asOf: string;
  configId: string;
  configCode: string;
  createdAt: Date;
}

const snapshotColumns = {
  id: scoreSnapshot.id,
  period: scoreSnapshot.period,
  asOf: scoreSnapshot.asOf,
  configId: scoreSnapshot.configId,
  configCode: scoreConfig.code,
  createdAt: scoreSnapshot.createdAt,
};

export async function listSnapshots(db: Executor): Promise<SnapshotInfo[]> {
  return db.select(snapshotColumns).from(scoreSnapshot).innerJoin(scoreConfig, eq(scoreConfig.id, scoreSnapshot.configId)).orderBy(desc(scoreSnapshot.period));
}

export async function findSnapshot(db: Executor, period: string): Promise<SnapshotInfo | null> {
  const [row] = await db.select(snapshotColumns).from(scoreSnapshot).innerJoin(scoreConfig, eq(scoreConfig.id, scoreSnapshot.configId)).where(eq(scoreSnapshot.period, period));
  return row ?? null;
}

/** The latest snapshot before `period` (the latest of all when `period` is null). */
export async function previousSnapshot(db: Executor, period: string | null): Promise<SnapshotInfo | null> {
  const [row] = await db
    .select(snapshotColumns)
    .from(scoreSnapshot)
    .innerJoin(scoreConfig, eq(scoreConfig.id, scoreSnapshot.configId))
    .where(period ? lt(scoreSnapshot.period, period) : sql`true`)
    .orderBy(desc(scoreSnapshot.period))
    .limit(1);
  return row ?? null;
}

/** A snapshot's rows of one dimension (and class), as they were frozen. */
export async function snapshotScores(db: Executor, snapshotId: string, dimension: ScoreDimension, unitClass?: ScoredUnitClass): Promise<UnitScore[]> {
  const rows = await db
    .select({
      unitId: scoreSnapshotRow.orgUnitId,
      unitCode: orgUnit.code,
      unitName: orgUnit.name,
      kind: orgUnit.kind,
      score: scoreSnapshotRow.score,
      rank: scoreSnapshotRow.rank,
      components: scoreSnapshotRow.components,
    })
    .from(scoreSnapshotRow)
    .innerJoin(orgUnit, eq(orgUnit.id, scoreSnapshotRow.orgUnitId))
    .where(
      and(
        eq(scoreSnapshotRow.snapshotId, snapshotId),
        eq(scoreSnapshotRow.dimension, dimension),
        unitClass === 'province' ? eq(orgUnit.kind, 'province') : unitClass === 'ministry' ? sql`${orgUnit.kind} <> 'province'` : sql`true`,
      ),
    )
    .orderBy(sql`${scoreSnapshotRow.rank} NULLS LAST`, orgUnit.code);
  return rows.map((r) => ({
    unitId: r.unitId,
    unitCode: r.unitCode,
    unitName: r.unitName,
    unitClass: r.kind === 'province' ? 'province' : 'ministry',
    dimension,
    score: r.score == null ? null : Number(r.score),
    rank: r.rank,
    components: r.components as Record<ScoreComponent, ComponentScore>,
  }));
}

/** Ranks of one snapshot's dimension by unit id. */
export async function snapshotRanks(db: Executor, snapshotId: string, dimension: ScoreDimension): Promise<Map<string, number | null>> {
  const rows = await db
    .select({ unitId: scoreSnapshotRow.orgUnitId, rank: scoreSnapshotRow.rank })
    .from(scoreSnapshotRow)
    .where(and(eq(scoreSnapshotRow.snapshotId, snapshotId), eq(scoreSnapshotRow.dimension, dimension)));
  return new Map(rows.map((r) => [r.unitId, r.rank]));
}
