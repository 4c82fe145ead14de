/** Organisation directory pages and the org-units / me API. */
import type { AppContext } from '../platform/context';
import type { TypedApp } from '../platform/http/types';

export async function registerOrgRoutes(_app: TypedApp, _ctx: AppContext) {}
