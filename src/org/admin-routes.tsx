/** User administration, role assignment and the mail outbox (pages and API). */
import type { AppContext } from '../platform/context';
import type { TypedApp } from '../platform/http/types';

export async function registerAdminRoutes(_app: TypedApp, _ctx: AppContext) {}
