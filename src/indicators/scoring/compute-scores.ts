/** Agency scores (implemented by the scoring module). */
import type { Executor } from '../../platform/db/client';
import type { ScoreDimension, ScoreWeights, ScoredUnitClass, UnitScore } from './types';

export interface ComputeScoresOptions {
  /** count up to this day ('YYYY-MM-DD', Vietnam); today when omitted */
  asOf?: string;
  dimension?: ScoreDimension;
  unitClass?: ScoredUnitClass;
  /** the active configuration when omitted */
  weights?: ScoreWeights;
}

export async function computeScores(_db: Executor, _opts: ComputeScoresOptions = {}): Promise<UnitScore[]> {
  throw new Error('computeScores: not implemented yet');
}
