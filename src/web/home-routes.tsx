/**
 * The public home page (the portal's front door: news, progress, PAKN-GPSK, documents; cached for
 * anonymous visitors like every public portal page) and the signed-in landing page ("Công việc
 * của tôi") at /app.
 */
import { t } from '../platform/i18n';
import type { AppContext } from '../platform/context';
import { sendPage } from '../platform/http/render';
import { requirePrincipal } from '../platform/http/request-context';
import type { TypedApp } from '../platform/http/types';
import { myWork } from '../monitoring/my-work';
import { MyWorkPage } from '../monitoring/views/my-work';
import { installPublicCacheHook, notModified, withHead } from '../portal/public-cache';
import { homePageData } from '../portal/home-page-view';
import { HomePage } from '../portal/views/home-page';

export async function registerHomeRoutes(app: TypedApp, ctx: AppContext) {
  const base = ctx.config.publicUrl.replace(/\/$/, '');

  await app.register(async (scopedRaw) => {
    installPublicCacheHook(scopedRaw);
    const scoped = scopedRaw as unknown as TypedApp;
    scoped.get('/', { schema: { hide: true } }, async (req, reply) => {
      if (await notModified(ctx.database.readDb, req, reply)) return reply;
      const data = await homePageData(ctx.database.readDb);
      withHead(reply, {
        canonical: `${base}/`,
        title: t('portal.home.title'),
        description: t('portal.home.lead'),
        feeds: [{ href: '/feeds/all.atom', title: t('portal.feed.title'), type: 'atom' }],
      });
      return sendPage(req, reply, { title: t('portal.home.title') }, <HomePage {...data} signedIn={!!req.principal} />);
    });
  });

  app.get('/app', { schema: { hide: true } }, async (req, reply) => {
    const p = requirePrincipal(req);
    const { tasks, notices } = await myWork(ctx.db, p);
    return sendPage(req, reply, { title: t('work.title'), wide: true }, <MyWorkPage principal={p} tasks={tasks} notices={notices} />);
  });
}
