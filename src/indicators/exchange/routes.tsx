/** Import and export of indicator values as CSV and DHIS2 dataValueSets JSON. */
import type { AppContext } from '../../platform/context';
import type { TypedApp } from '../../platform/http/types';

export async function registerIndicatorExchangeRoutes(_app: TypedApp, _ctx: AppContext) {}
