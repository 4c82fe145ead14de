/** The deadline calendar: GET /tasks/calendar (month grid) and GET /tasks/calendar.ics (iCalendar feed). */
import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { AppContext } from '../../platform/context';
import { AppError } from '../../platform/errors';
import { t } from '../../platform/i18n';
import { sendPage } from '../../platform/http/render';
import { requirePermission } from '../../platform/http/request-context';
import type { TypedApp } from '../../platform/http/types';
import { addDays, hcmDate } from '../dates';
import { statusLabel } from '../views/common';
import { escapeText, icsDate, icsDocument, icsStamp } from './ics';
import { firstDay, lastDay, parseMonth } from './month';
import { tasksDueBetween } from './queries';
import { CalendarPage } from './views/calendar-page';

/** At most this many tasks in one month grid. */
export const CALENDAR_MONTH_LIMIT = 1000;
/** At most this many events in the feed. */
export const CALENDAR_FEED_LIMIT = 5000;

const needsTaskRead = async (req: FastifyRequest) => {
  requirePermission(req, 'task.read');
};

export async function registerTaskCalendarRoutes(app: TypedApp, ctx: AppContext) {
  const { db } = ctx;

  app.get(
    '/tasks/calendar',
    { schema: { hide: true, querystring: z.object({ month: z.string().max(40).optional() }) }, preValidation: needsTaskRead },
    async (req, reply) => {
      const today = hcmDate(new Date());
      const raw = req.query.month?.trim() || today.slice(0, 7);
      const month = parseMonth(raw);
      if (!month) throw AppError.of('VALIDATION_FAILED', 'calendar.badMonth', undefined, { month: t('calendar.badMonth') });
      const rows = await tasksDueBetween(db, req.principal!, { from: firstDay(month), to: lastDay(month), limit: CALENDAR_MONTH_LIMIT + 1 });
      const truncated = rows.length > CALENDAR_MONTH_LIMIT;
      return sendPage(
        req,
        reply,
        { title: t('calendar.monthTitle', { month: month.month, year: month.year }), wide: true },
        <CalendarPage month={month} today={today} tasks={truncated ? rows.slice(0, CALENDAR_MONTH_LIMIT) : rows} truncatedAt={truncated ? CALENDAR_MONTH_LIMIT : null} />,
      );
    },
  );

  app.get('/tasks/calendar.ics', { schema: { hide: true }, preValidation: needsTaskRead }, async (req, reply) => {
    const rows = await tasksDueBetween(db, req.principal!, { limit: CALENDAR_FEED_LIMIT });
    const host = new URL(ctx.config.publicUrl).host;
    const stamp = icsStamp(new Date());
    const lines: [string, string][] = [
      ['BEGIN', 'VCALENDAR'],
      ['VERSION', '2.0'],
      ['PRODID', '-//nq57//Lich han nhiem vu//VI'],
      ['CALSCALE', 'GREGORIAN'],
      ['METHOD', 'PUBLISH'],
      ['X-WR-CALNAME', escapeText(t('calendar.ics.name'))],
      ['X-WR-TIMEZONE', 'Asia/Ho_Chi_Minh'],
    ];
    for (const x of rows) {
      lines.push(
        ['BEGIN', 'VEVENT'],
        ['UID', `task-${x.id}-deadline@${host}`],
        ['DTSTAMP', stamp],
        ['LAST-MODIFIED', icsStamp(x.updatedAt)],
        ['DTSTART;VALUE=DATE', icsDate(x.deadline)],
        ['DTEND;VALUE=DATE', icsDate(addDays(x.deadline, 1))],
        ['SUMMARY', escapeText(t('calendar.ics.summary', { code: x.code, title: x.title }).normalize('NFC'))],
        [
          'DESCRIPTION',
          escapeText(t('calendar.ics.description', { status: statusLabel(x.status), lead: x.leadUnitName ?? x.leadText ?? '—', percent: x.percentDone }).normalize('NFC')),
        ],
        ['URL', `${ctx.config.publicUrl}/tasks/${x.id}`],
        ['TRANSP', 'TRANSPARENT'],
        ['END', 'VEVENT'],
      );
    }
    lines.push(['END', 'VCALENDAR']);
    return reply
      .header('content-type', 'text/calendar; charset=utf-8')
      .header('content-disposition', 'attachment; filename="han-nhiem-vu.ics"')
      .header('cache-control', 'private, no-store')
      .send(icsDocument(lines));
  });
}
