/** Sign-in, sign-out, second factor, password reset and account pages. */
import type { AppContext } from '../context';
import type { TypedApp } from '../http/types';

export async function registerAuthRoutes(_app: TypedApp, _ctx: AppContext) {}
