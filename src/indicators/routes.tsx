/** Indicator catalogue, targets, values, approval and confidence: pages and API. */
import type { AppContext } from '../platform/context';
import type { TypedApp } from '../platform/http/types';

export async function registerIndicatorRoutes(_app: TypedApp, _ctx: AppContext) {}
