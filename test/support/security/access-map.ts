/**
 * The access policy of every route, one line per `METHOD /pattern`. The authorisation matrix
 * (test/integration/security-authz-matrix.db.test.ts) reads the live route table and fails for a
 * route that has no line here, so a new route cannot ship without someone deciding who may call it.
 *
 * A line says what a caller needs:
 * - `pub`: anyone, signed in or not;
 * - `signedIn`: any signed-in account (a viewer included);
 * - `staff`: a role other than viewer;
 * - `need(['perm', …])`: one of these permissions somewhere, or — with `scoped` — over the unit of
 *   the resource named by `at` (a task led by, a case forwarded to, an article of, a user of unit A),
 *   `national` naming permissions that reach every unit whatever the role's unit.
 * `at` also tells the matrix which real resource to put in the path parameters; without it the
 * parameters get values that match nothing and the route must answer 4xx, never 5xx.
 */
import type { Permission } from '../../../src/org/policies';

export type Resource = 'task' | 'report' | 'case' | 'assignment' | 'article' | 'user' | 'unit' | 'root';

export interface Policy {
  need: 'public' | 'signedIn' | 'staff' | Permission[];
  at?: Resource;
  /** the permission must be held over the resource's unit, not just anywhere */
  scoped?: boolean;
  /** permissions that grant access to every unit's resources (the standing office's) */
  national?: Permission[];
  /** a never-ending response (Server-Sent Events): only refused callers are sent to it */
  stream?: boolean;
  /** the page needs query parameters: the bare URL may answer 400/404 to an allowed caller */
  query?: boolean;
}

const pub: Policy = { need: 'public' };
const signedIn: Policy = { need: 'signedIn' };
const staff: Policy = { need: 'staff' };
const need = (perms: Permission | Permission[], more: Omit<Policy, 'need'> = {}): Policy => ({
  need: Array.isArray(perms) ? perms : [perms],
  ...more,
});
/** a public route whose parameter names one of unit A's resources (it must not leak what is internal) */
const pubAt = (at: Resource): Policy => ({ need: 'public', at });

const NATIONAL_TASKS: Permission[] = ['oversight.national'];
const TASK_READ = need('task.read', { at: 'task', scoped: true, national: NATIONAL_TASKS });
const TASK_WRITE = need('task.manage', { at: 'task', scoped: true, national: NATIONAL_TASKS });
const REPORT_READ: Policy = { need: 'staff', at: 'report', scoped: true, national: NATIONAL_TASKS };
const CASES = need(['feedback.read', 'feedback.triage']);
const CASE_READ = need('feedback.read', { at: 'case', scoped: true, national: ['feedback.triage'] });
const CASE_TRIAGE = need('feedback.triage', { at: 'case' });
const ASSIGNMENT_PROCESS = need('feedback.process', { at: 'assignment', scoped: true });
const ASSIGNMENT_APPROVE = need('feedback.approve', { at: 'assignment', scoped: true });
const EDITOR = need(['portal.write', 'portal.publish']);
const ARTICLE = need(['portal.write', 'portal.publish'], { at: 'article', scoped: true });
const USER = need('user.manage', { at: 'user', scoped: true });
const OUTBOX = need('outbox.read', { at: 'root', scoped: true });
const CONFIGURE = need('feedback.configure');
const INITIATIVES = need(['initiative.review', 'initiative.decide']);

export const ACCESS_MAP: Record<string, Policy> = {
  // platform, health, documentation, static assets
  'GET /': pub,
  'GET /*': pub,
  'GET /healthz': pub,
  'GET /readyz': pub,
  'GET /metrics': pub,
  'GET /api/docs': pub,
  'GET /api/docs/': pub,
  'GET /api/docs/*': pub,
  'GET /api/docs/json': pub,
  'GET /api/docs/yaml': pub,
  'GET /api/docs/static/index.html': pub,
  'GET /api/docs/static/swagger-initializer.js': pub,
  'GET /robots.txt': pub,
  'GET /sitemap.xml': pub,

  // identity
  'GET /login': pub,
  'POST /login': pub,
  // the second step of a sign-in: without a half-signed-in session it sends the caller back to /login
  'GET /login/2fa': signedIn,
  'POST /login/2fa': signedIn,
  'POST /logout': pub,
  'GET /password/forgot': pub,
  'POST /password/forgot': pub,
  'GET /password/reset': pub,
  'POST /password/reset': pub,
  'GET /account': signedIn,
  'GET /account/2fa/setup': signedIn,
  'POST /account/2fa/setup': signedIn,
  'POST /account/tokens': need('token.createOwn'),
  'POST /account/tokens/:id/revoke': signedIn,
  'GET /api/v1/me': signedIn,
  'GET /app': signedIn,

  // organisation directory and administration
  'GET /org': need('org.read'),
  'GET /org/:code': need('org.read', { at: 'unit' }),
  'GET /api/v1/org-units': need('org.read'),
  'GET /api/v1/org-units/:code': need('org.read', { at: 'unit' }),
  'GET /admin/users': need('user.manage'),
  'GET /admin/users/new': need('user.manage'),
  'POST /admin/users/new': need('user.manage'),
  'GET /admin/users/:id': USER,
  'POST /admin/users/:id/roles': USER,
  'POST /admin/users/:id/roles/:assignmentId/delete': USER,
  'POST /admin/users/:id/status': USER,
  'POST /admin/users/:id/second-factor/reset': USER,
  'POST /admin/users/:id/unlock': USER,
  'GET /api/v1/users': need('user.manage'),
  'POST /api/v1/users': need('user.manage'),
  'GET /api/v1/users/:id': USER,
  'GET /admin/outbox': OUTBOX,
  'GET /admin/outbox/:id': OUTBOX,
  'POST /admin/outbox/:id/resend': need('outbox.resend', { at: 'root', scoped: true }),

  // monitoring: tasks, reports, bottlenecks, extensions, briefing, dashboard
  'GET /tasks': need('task.read'),
  'GET /tasks/new': need('task.manage'),
  'POST /tasks/new': need('task.manage'),
  'GET /tasks/import': need('task.manage'),
  'POST /tasks/import': need('task.manage'),
  'GET /tasks/import/template.xlsx': need('task.manage'),
  'GET /tasks/import/template.csv': need('task.manage'),
  'GET /tasks/export.xlsx': need('task.read'),
  'GET /tasks/calendar': need('task.read'),
  'GET /tasks/calendar.ics': need('task.read'),
  'POST /tasks/filters': need('task.read'),
  'POST /tasks/filters/:id/delete': need('task.read'),
  'GET /tasks/:id': TASK_READ,
  'POST /tasks/:id/status': TASK_WRITE,
  'POST /tasks/:id/edit': TASK_WRITE,
  'POST /tasks/:id/extensions': TASK_WRITE,
  'POST /tasks/:id/cascade': TASK_WRITE,
  'POST /tasks/:id/reports': need('report.submit', { at: 'task', scoped: true }),
  'GET /tasks/:id/reports/new': need('report.submit', { at: 'task', scoped: true }),
  'POST /extensions/:id/decision': need('task.decideExtension'),
  'GET /reports/:id': REPORT_READ,
  'POST /reports/:id/review': need('report.review', { at: 'report', scoped: true, national: NATIONAL_TASKS }),
  'GET /reports/:id/files/:fileId': REPORT_READ,
  'GET /reviews': staff,
  'GET /bottlenecks': staff,
  'POST /bottlenecks': staff,
  'POST /bottlenecks/:id': staff,
  'GET /briefing': need('task.read'),
  'GET /briefing.pdf': need('task.read'),
  'GET /briefing.xlsx': need('task.read'),
  'GET /dashboard': need('task.read'),
  'GET /dashboard/units/:code': need('task.read'),
  'GET /dashboard/compare': need('task.read'),
  'GET /dashboard/fragments/:name': need('task.read'),
  'GET /dashboard/export/:file': need('task.read'),
  'GET /api/v1/dashboard/national': need('oversight.national'),
  'GET /api/v1/dashboard/stream': { need: ['task.read'], stream: true },
  'GET /api/v1/plans': need('task.read'),
  'GET /api/v1/tasks': need('task.read'),
  'POST /api/v1/tasks': need('task.manage'),
  'POST /api/v1/tasks/import': need('task.manage'),
  'GET /api/v1/tasks/:id': TASK_READ,
  'PATCH /api/v1/tasks/:id': TASK_WRITE,
  'POST /api/v1/tasks/:id/status': TASK_WRITE,
  'POST /api/v1/tasks/:id/cascade': TASK_WRITE,
  'POST /api/v1/tasks/:id/extensions': TASK_WRITE,
  'GET /api/v1/tasks/:id/reports': { need: 'staff', at: 'task', scoped: true, national: NATIONAL_TASKS },
  'POST /api/v1/tasks/:id/reports': need('report.submit', { at: 'task', scoped: true }),
  'POST /api/v1/extensions/:id/decision': need('task.decideExtension'),
  'GET /api/v1/reports/:id': REPORT_READ,
  'POST /api/v1/reports/:id/review': need('report.review', { at: 'report', scoped: true, national: NATIONAL_TASKS }),
  'GET /api/v1/bottlenecks': staff,
  'POST /api/v1/bottlenecks': staff,
  'POST /api/v1/bottlenecks/:id/resolve': staff,

  // public progress
  'GET /progress': pub,
  'GET /api/v1/public/progress': pub,
  'GET /api/v1/public/progress/initiatives.csv': pub,
  'GET /api/v1/public/progress/provinces.csv': pub,
  'GET /api/v1/public/progress/targets.csv': pub,
  'GET /progress/tasks': pub,
  'GET /progress/tasks/:id': pubAt('task'),
  'GET /api/v1/public/tasks': pub,

  // PAKN-GPSK: public side
  'GET /feedback': pub,
  'GET /feedback/terms': pub,
  'GET /feedback/new': pub,
  'POST /feedback/new': pub,
  'GET /feedback/lookup': pub,
  'POST /feedback/lookup': pub,
  'POST /feedback/lookup/reply': pub,
  'POST /feedback/lookup/rate': pub,
  'GET /feedback/answers': pub,
  'GET /feedback/answers/:code': pubAt('case'),
  'GET /feedback/statistics': pub,
  'GET /open-data/feedback.json': pub,
  'GET /open-data/feedback.csv': pub,
  'POST /api/v1/public/feedback': pub,
  'GET /api/v1/public/feedback/challenge': pub,
  'GET /api/v1/public/feedback/similar': pub,
  'GET /api/v1/public/feedback/:code': pubAt('case'),
  'GET /api/v1/public/feedback-answers': pub,
  'GET /api/v1/public/feedback-stats': pub,
  'GET /open311/v2/discovery.json': pub,
  'GET /open311/v2/services.json': pub,
  'GET /open311/v2/services/:file': pub,
  'GET /open311/v2/requests.json': pub,
  'POST /open311/v2/requests.json': pub,
  'GET /open311/v2/requests/:file': pub,
  'GET /open311/v2/tokens/:file': pub,

  // PAKN-GPSK: staff side
  'GET /cases': CASES,
  'GET /cases/new': need('feedback.record'),
  'POST /cases/new': need('feedback.record'),
  'GET /cases/notices': signedIn,
  'POST /cases/notices/read': signedIn,
  'GET /cases/overdue': CASES,
  'GET /cases/:code': CASE_READ,
  'GET /cases/:code/files/:fileId': CASE_READ,
  'POST /cases/:code/accept': CASE_TRIAGE,
  'POST /cases/:code/reject': CASE_TRIAGE,
  'POST /cases/:code/merge': CASE_TRIAGE,
  'POST /cases/:code/forward': CASE_TRIAGE,
  'POST /cases/:code/notes': CASE_READ,
  'POST /cases/:code/assignments/:assignmentId/accept': ASSIGNMENT_PROCESS,
  'POST /cases/:code/assignments/:assignmentId/return': ASSIGNMENT_PROCESS,
  'POST /cases/:code/assignments/:assignmentId/officer': ASSIGNMENT_PROCESS,
  'POST /cases/:code/assignments/:assignmentId/info-request': ASSIGNMENT_PROCESS,
  'POST /cases/:code/assignments/:assignmentId/status-update': ASSIGNMENT_PROCESS,
  'POST /cases/:code/assignments/:assignmentId/answer': ASSIGNMENT_PROCESS,
  'POST /cases/:code/assignments/:assignmentId/answer/submit': ASSIGNMENT_PROCESS,
  'POST /cases/:code/assignments/:assignmentId/answer/approve': ASSIGNMENT_APPROVE,
  'POST /cases/:code/assignments/:assignmentId/answer/return': ASSIGNMENT_APPROVE,
  'GET /api/v1/feedback': CASES,
  'POST /api/v1/feedback': need('feedback.record'),
  'GET /api/v1/feedback/overdue': CASES,
  // the suggestion helps who triages and who records a case (src/feedback/triage/policies.ts)
  'POST /api/v1/feedback/triage': need(['feedback.triage', 'feedback.record']),
  'GET /api/v1/feedback/:code': CASE_READ,
  'POST /api/v1/feedback/:code/accept': CASE_TRIAGE,
  'POST /api/v1/feedback/:code/reject': CASE_TRIAGE,
  'POST /api/v1/feedback/:code/merge': CASE_TRIAGE,
  'POST /api/v1/feedback/:code/forward': CASE_TRIAGE,
  'POST /api/v1/feedback/:code/notes': CASE_READ,
  'POST /api/v1/feedback/:code/assignments/:assignmentId/accept': ASSIGNMENT_PROCESS,
  'POST /api/v1/feedback/:code/assignments/:assignmentId/return': ASSIGNMENT_PROCESS,
  'POST /api/v1/feedback/:code/assignments/:assignmentId/officer': ASSIGNMENT_PROCESS,
  'POST /api/v1/feedback/:code/assignments/:assignmentId/info-request': ASSIGNMENT_PROCESS,
  'POST /api/v1/feedback/:code/assignments/:assignmentId/status-update': ASSIGNMENT_PROCESS,
  'POST /api/v1/feedback/:code/assignments/:assignmentId/answer': ASSIGNMENT_PROCESS,
  'POST /api/v1/feedback/:code/assignments/:assignmentId/answer/submit': ASSIGNMENT_PROCESS,
  'POST /api/v1/feedback/:code/assignments/:assignmentId/answer/approve': ASSIGNMENT_APPROVE,
  'POST /api/v1/feedback/:code/assignments/:assignmentId/answer/return': ASSIGNMENT_APPROVE,
  // personal data (Decree 13/2023): the submitter with code + PIN; staff handling such requests
  'GET /feedback/my-data': pub,
  'POST /feedback/my-data': pub,
  'POST /feedback/my-data/erase': pub,
  'POST /api/v1/public/feedback/:code/personal-data': pub,
  'POST /api/v1/public/feedback/:code/erasure': pub,
  'GET /admin/personal-data': need(['feedback.configure', 'feedback.triage']),
  'POST /admin/personal-data': need(['feedback.configure', 'feedback.triage']),
  'GET /api/v1/feedback/personal-data': need(['feedback.configure', 'feedback.triage']),
  'POST /api/v1/feedback/personal-data/erasure': need(['feedback.configure', 'feedback.triage']),
  'GET /initiatives': INITIATIVES,
  'GET /initiatives/:code': INITIATIVES,
  'POST /initiatives/:code/review': need('initiative.review'),
  'POST /initiatives/:code/decision': need('initiative.decide'),
  'GET /admin/feedback-sla': CONFIGURE,
  'POST /admin/feedback-sla': CONFIGURE,
  'GET /admin/calendar': CONFIGURE,
  'POST /admin/calendar': CONFIGURE,
  'POST /admin/calendar/remove': CONFIGURE,

  // indicators, checklists, rankings (object-level unit checks happen on unit/period parameters the
  // matrix does not fill: those calls must answer 4xx; the module tests cover the unit rules)
  'GET /indicators': need('task.read'),
  'GET /indicators/:code': need('task.read'),
  'POST /indicators/:code/confidence': need('indicator.rate'),
  'GET /indicators/:code/edit': need('indicator.manage'),
  'POST /indicators/:code/edit': need('indicator.manage'),
  'GET /indicators/:code/targets': need('indicator.manage'),
  'POST /indicators/:code/targets': need('indicator.manage'),
  'GET /indicators/report': need('task.read'),
  // the sheet is open to readers; each posted value is checked for indicator.report over its unit
  'POST /indicators/report': need('task.read'),
  'GET /indicators/report/entry': { need: ['task.read'], query: true },
  'POST /indicators/report/entry': need('indicator.report'),
  'GET /indicators/evidence/:unitCode/:period/:code': need('task.read'),
  'GET /indicators/approvals': need('task.read'),
  'GET /indicators/approvals/:unitCode/:period': need('task.read'),
  'POST /indicators/approvals/:unitCode/:period/approve': need('indicator.approve'),
  'POST /indicators/approvals/:unitCode/:period/return': need('indicator.approve'),
  'GET /indicators/exchange': need(['task.read', 'indicator.report', 'oversight.national']),
  'POST /indicators/exchange/import': need('indicator.report'),
  'GET /indicators/values.csv': need(['task.read', 'indicator.report', 'oversight.national']),
  'GET /api/v1/indicators': need('task.read'),
  'GET /api/v1/indicators/:code': need('task.read'),
  'GET /api/v1/indicators/:code/values': need('task.read'),
  'PUT /api/v1/indicators/:code/values': need('indicator.report'),
  'PUT /api/v1/indicators/:code/targets': need('indicator.manage'),
  'POST /api/v1/indicators/:code/confidence': need('indicator.rate'),
  'POST /api/v1/indicator-periods/:unitCode/:period/submit': need('indicator.report'),
  'POST /api/v1/indicator-periods/:unitCode/:period/approve': need('indicator.approve'),
  'POST /api/v1/indicator-periods/:unitCode/:period/return': need('indicator.approve'),
  'GET /api/v1/indicators/values.csv': need(['task.read', 'indicator.report', 'oversight.national']),
  'GET /api/v1/indicators/values.dhis2.json': need(['task.read', 'indicator.report', 'oversight.national']),
  'POST /api/v1/indicators/values.csv': need('indicator.report'),
  'POST /api/v1/indicators/values.dhis2.json': need('indicator.report'),
  'GET /checklists': need('task.read'),
  'GET /checklists/:code': need('task.read'),
  'GET /checklists/:code/provinces.csv': need('task.read'),
  'GET /checklists/:code/units': need('task.read'),
  'GET /checklists/:code/units.csv': need('task.read'),
  'GET /checklists/:code/assess': need('indicator.report'),
  'POST /checklists/:code/assess': need('indicator.report'),
  'GET /checklists/:code/confirm': need('indicator.approve'),
  'POST /checklists/:code/confirm': need('indicator.approve'),
  'GET /checklists/:code/manage': need('indicator.manage'),
  'POST /checklists/:code/manage': need('indicator.manage'),
  'GET /api/v1/checklists': need('task.read'),
  'GET /api/v1/checklists/:code/units': need('task.read'),
  'GET /api/v1/checklists/:code/provinces': need('task.read'),
  'GET /api/v1/checklists/:code/answers': need('task.read'),
  'PUT /api/v1/checklists/:code/answers': need('indicator.report'),
  'POST /api/v1/checklists/:code/confirm': need('indicator.approve'),
  'GET /rankings': need('task.read'),
  'GET /rankings/export.csv': need('task.read'),
  'GET /rankings/units/:code': need('task.read'),
  'POST /rankings/snapshots': need('indicator.manage'),
  'GET /rankings/weights': need('indicator.manage'),
  'POST /rankings/weights': need('indicator.manage'),
  'GET /api/v1/rankings': need('task.read'),

  // portal: public
  'GET /news': pub,
  'GET /news/category/:slug': pub,
  'GET /news/:slug': pub,
  'GET /documents': pub,
  'GET /documents/:slug': pub,
  'GET /documents/:slug/file': pub,
  'GET /pages/:slug': pub,
  'GET /portal/:code': pubAt('unit'),
  'GET /search': pub,
  'GET /feeds/:name': pub,
  'GET /media/:hash/:file': pub,
  'GET /api/v1/articles': pub,
  'GET /api/v1/documents': pub,
  'GET /api/v1/search': pub,

  // portal: editorial
  'GET /editor': EDITOR,
  'GET /editor/review': need('portal.publish'),
  'POST /editor/articles': EDITOR,
  'GET /editor/articles/new': EDITOR,
  'GET /editor/articles/:id': ARTICLE,
  'POST /editor/articles/:id': ARTICLE,
  'GET /editor/articles/:id/revisions': ARTICLE,
  'POST /editor/articles/:id/transition': ARTICLE,
  'GET /editor/pages': EDITOR,
  'POST /editor/pages': EDITOR,
  'GET /editor/pages/new': EDITOR,
  'GET /editor/pages/:id': EDITOR,
  'POST /editor/pages/:id': EDITOR,
  'GET /editor/menus': EDITOR,
  'POST /editor/menus': EDITOR,
  'POST /editor/menus/:id/delete': EDITOR,
  'GET /editor/documents': EDITOR,
  'POST /editor/documents': EDITOR,
  'GET /editor/documents/new': EDITOR,
  'GET /editor/documents/:id': EDITOR,
  'POST /editor/documents/:id': EDITOR,
};
