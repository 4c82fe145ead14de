/** Loads a task for a principal: 404 when unknown, 403 when outside what they may see or do. */
import type { Principal } from '../org/policies';
import type { Executor } from '../platform/db/client';
import { AppError } from '../platform/errors';
import { type TaskAction, canOnTask, canSeeTask } from './policies';
import { type LoadedTask, loadTask } from './queries';

export async function taskFor(db: Executor, p: Principal, id: string, action: TaskAction = 'read'): Promise<LoadedTask> {
  const loaded = await loadTask(db, id);
  if (!loaded) throw AppError.of('NOT_FOUND', 'task.notFound');
  if (!canSeeTask(p, loaded.placement)) throw AppError.of('FORBIDDEN', 'task.outOfScope');
  if (action !== 'read' && !canOnTask(p, action, loaded.placement)) {
    throw AppError.of('FORBIDDEN', action === 'decideExtension' ? 'task.cannotDecide' : 'task.cannotEdit');
  }
  return loaded;
}
