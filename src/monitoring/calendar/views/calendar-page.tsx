/** The month grid of task deadlines: a real table on wide screens, a list of days on phones. */
import { type MessageKey, t } from '../../../platform/i18n';
import { formatIsoDate } from '../../dates';
import { TaskStatusChip } from '../../views/common';
import { type Month, formatMonth, monthWeeks, shiftMonth } from '../month';
import type { CalendarTask } from '../queries';

const WEEKDAYS = [1, 2, 3, 4, 5, 6, 7] as const;
const weekdayName = (i: number) => t(`calendar.weekday.${i}` as MessageKey);

export function CalendarPage(props: { month: Month; today: string; tasks: CalendarTask[]; truncatedAt: number | null }) {
  const m = props.month;
  const byDay = new Map<string, CalendarTask[]>();
  for (const x of props.tasks) byDay.set(x.deadline, [...(byDay.get(x.deadline) ?? []), x]);
  const prev = shiftMonth(m, -1);
  const next = shiftMonth(m, 1);
  const params = (x: Month) => ({ month: x.month, year: x.year });
  return (
    <div class="calendar">
      <div class="page-header">
        <h1>{t('calendar.monthTitle', params(m))}</h1>
      </div>
      <p class="lead">{t('calendar.lead')}</p>
      <nav class="calendar-nav" aria-label={t('calendar.nav')}>
        <ul class="plain-list">
          <li>
            <a href={`/tasks/calendar?month=${formatMonth(prev)}`} rel="prev">
              ← {t('calendar.prev', params(prev))}
            </a>
          </li>
          <li>
            <a href="/tasks/calendar">{t('calendar.today')}</a>
          </li>
          <li>
            <a href={`/tasks/calendar?month=${formatMonth(next)}`} rel="next">
              {t('calendar.next', params(next))} →
            </a>
          </li>
        </ul>
      </nav>
      <p>
        <a href="/tasks/calendar.ics" download>
          {t('calendar.ics')}
        </a>
        <br />
        <span class="muted">{t('calendar.icsHint')}</span>
      </p>
      {props.truncatedAt ? <p class="notice notice-warning">{t('calendar.truncated', { count: props.truncatedAt })}</p> : null}
      {props.tasks.length === 0 ? <p>{t('calendar.empty')}</p> : null}
      <table class="calendar-grid">
        <caption>{t('calendar.caption', { ...params(m), count: props.tasks.length })}</caption>
        <thead>
          <tr>
            {WEEKDAYS.map((d) => (
              <th key={d} scope="col">
                {weekdayName(d)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {monthWeeks(m).map((week) => (
            <tr key={week.find(Boolean)}>
              {week.map((day, i) => {
                if (!day) return <td key={`x${i}`} class="calendar-outside" />;
                const tasks = byDay.get(day) ?? [];
                const isToday = day === props.today;
                const cls = ['calendar-day', tasks.length ? 'calendar-has-tasks' : 'calendar-no-tasks', isToday ? 'calendar-today' : ''].filter(Boolean).join(' ');
                return (
                  <td key={day} class={cls} aria-current={isToday ? 'date' : undefined}>
                    <p class="calendar-date">
                      <span class="calendar-weekday">{weekdayName(i + 1)}, </span>
                      <time dateTime={day}>{formatIsoDate(day).slice(0, 5)}</time>
                      {isToday ? <span class="chip chip-neutral">{t('calendar.todayMark')}</span> : null}
                    </p>
                    {tasks.length ? (
                      <ul class="plain-list" aria-label={t('calendar.dayTasks', { count: tasks.length })}>
                        {tasks.map((x) => (
                          <li key={x.id}>
                            <a href={`/tasks/${x.id}`} class="mono">
                              {x.code}
                            </a>{' '}
                            <span class="calendar-task-title">{x.title.length > 80 ? `${x.title.slice(0, 77)}…` : x.title}</span>{' '}
                            <TaskStatusChip status={x.status} />
                          </li>
                        ))}
                      </ul>
                    ) : null}
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
