/** Scores and rankings: league tables, snapshots, drill-down, weights. */
import type { AppContext } from '../../platform/context';
import type { TypedApp } from '../../platform/http/types';

export async function registerScoringRoutes(_app: TypedApp, _ctx: AppContext) {}
