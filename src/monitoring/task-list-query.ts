/** The query string of the task list page, shared by the list and its XLSX export. */
import { z } from 'zod';
import { CURSOR_MAX_LENGTH } from '../org/cursor';

export const taskListPageQuery = z.object({
  q: z.string().max(200).optional(),
  plan: z.string().max(60).optional(),
  group: z.string().max(10).optional(),
  status: z.string().max(20).optional(),
  leadUnit: z.string().max(40).optional(),
  deadlineFrom: z.string().max(20).optional(),
  deadlineTo: z.string().max(20).optional(),
  overdue: z.string().max(10).optional(),
  sort: z.string().max(20).optional(),
  cursor: z.string().max(CURSOR_MAX_LENGTH).optional(),
});
