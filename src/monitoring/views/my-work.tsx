/** "Công việc của tôi": tasks of the user's units that are overdue or due soon, and their notices. */
import { formatDateTime, t } from '../../platform/i18n';
import type { Principal } from '../../org/policies';
import type { TaskListRow, noticesFor } from '../queries';
import { TaskTable } from './task-list-page';

export function MyWorkPage(props: { principal: Principal; tasks: TaskListRow[]; notices: Awaited<ReturnType<typeof noticesFor>> }) {
  const p = props.principal;
  return (
    <div>
      <h1>{t('work.title')}</h1>
      <p>{t('work.welcome', { name: p.fullName })}</p>
      <section aria-labelledby="my-tasks-title">
        <h2 id="my-tasks-title">{t('work.myTasks')}</h2>
        {props.tasks.length === 0 ? <p>{t('work.noTasks')}</p> : <TaskTable rows={props.tasks} label={t('work.myTasks')} />}
        <p>
          <a href="/tasks">{t('work.allTasks')}</a>
        </p>
      </section>
      <section aria-labelledby="notices-title">
        <h2 id="notices-title">{t('work.notices')}</h2>
        {props.notices.length === 0 ? (
          <p>{t('work.noNotices')}</p>
        ) : (
          <ul class="plain-list">
            {props.notices.map((n) => (
              <li key={n.id}>
                <strong>{t(`task.notice.${n.kind}`)}</strong>: <a href={`/tasks/${n.taskId}`}>{n.taskCode}</a> — {n.taskTitle.slice(0, 120)}{' '}
                <span class="muted">{formatDateTime(n.createdAt)}</span>
              </li>
            ))}
          </ul>
        )}
      </section>
      <section aria-labelledby="roles-title">
        <h2 id="roles-title">{t('work.roles')}</h2>
        {p.grants.length === 0 ? (
          <p>{t('work.noRoles')}</p>
        ) : (
          <ul class="plain-list">
            {p.grants.map((g) => (
              <li key={`${g.role}-${g.unitId}`}>
                <strong>{t(`role.${g.role}` as any)}</strong> — <a href={`/org/${encodeURIComponent(g.unitCode)}`}>{g.unitName}</a>
              </li>
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}
