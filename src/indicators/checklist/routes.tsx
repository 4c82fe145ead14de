/** Checklist indicators: self-assessment and confirmation pages and API. */
import type { AppContext } from '../../platform/context';
import type { TypedApp } from '../../platform/http/types';

export async function registerChecklistRoutes(_app: TypedApp, _ctx: AppContext) {}
