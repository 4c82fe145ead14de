/** The public progress page (3 công khai) and its open-data API. */
import type { AppContext } from '../../platform/context';
import type { TypedApp } from '../../platform/http/types';

export async function registerPublicProgressRoutes(_app: TypedApp, _ctx: AppContext) {}
