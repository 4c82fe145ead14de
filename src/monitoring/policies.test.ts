/** The task policy as a matrix: roles × where they are held × actions on tasks placed in the tree. */
import { describe, expect, it } from 'vitest';
import type { Principal } from '../org/policies';
import { STANDING_OFFICE_CODE } from '../org/policies';
import type { Role } from '../org/schema';
import { type TaskAction, type TaskPlacement, canCreateTask, canOnTask } from './policies';

const ROOT = '/r/';
const OFFICE = '/r/o/';
const BKHCN = '/r/g/bkhcn/';
const HANOI = '/r/p/hn/';
const HANOI_WARD = '/r/p/hn/w1/';
const HUE = '/r/p/hue/';

const principal = (...grants: [Role, string][]): Principal => ({
  userId: 'u',
  email: 'a@b.vn',
  fullName: 'A',
  homeUnitId: 'x',
  via: 'session',
  grants: grants.map(([role, unitPath]) => ({ role, unitPath, unitId: unitPath, unitCode: unitPath === OFFICE ? STANDING_OFFICE_CODE : unitPath, unitName: unitPath })),
});

/** A Hanoi task assigned by the root, co-ordinated by the ministry. */
const hanoiTask: TaskPlacement = { leadUnitPath: HANOI, assigningUnitPath: ROOT, coordinatorPaths: [BKHCN] };
/** A ward task cascaded from Hanoi. */
const wardTask: TaskPlacement = { leadUnitPath: HANOI_WARD, assigningUnitPath: HANOI, coordinatorPaths: [] };
/** A collective task (all ministries and localities): no lead unit. */
const collective: TaskPlacement = { leadUnitPath: null, assigningUnitPath: ROOT, coordinatorPaths: [] };

const ACTIONS: TaskAction[] = ['read', 'edit', 'changeStatus', 'cascade', 'requestExtension', 'decideExtension'];

type Row = [label: string, p: Principal, task: TaskPlacement, allowed: TaskAction[]];
const EDIT: TaskAction[] = ['read', 'edit', 'changeStatus', 'cascade', 'requestExtension'];
const ALL: TaskAction[] = ACTIONS;

const MATRIX: Row[] = [
  ['officer of the lead unit', principal(['officer', HANOI]), hanoiTask, EDIT],
  ['leader of the lead unit (not the assigner)', principal(['leader', HANOI]), hanoiTask, EDIT],
  ['leader of the lead unit decides for its cascaded ward task', principal(['leader', HANOI]), wardTask, ALL],
  ['officer of the assigning unit cannot decide', principal(['officer', HANOI]), wardTask, EDIT],
  ['officer of the ward edits its own task', principal(['officer', HANOI_WARD]), wardTask, EDIT],
  ['officer of the ward does not see the parent province task', principal(['officer', HANOI_WARD]), hanoiTask, []],
  ['officer of another province', principal(['officer', HUE]), hanoiTask, []],
  ['leader of another province', principal(['leader', HUE]), wardTask, []],
  ['officer of a co-ordinating unit only reads', principal(['officer', BKHCN]), hanoiTask, ['read']],
  ['viewer at the lead unit only reads', principal(['viewer', HANOI]), hanoiTask, ['read']],
  ['viewer elsewhere sees nothing', principal(['viewer', HUE]), hanoiTask, []],
  ['expert at the lead unit only reads', principal(['expert', HANOI]), hanoiTask, ['read']],
  ['admin at the lead unit reads, cannot edit', principal(['admin', HANOI]), hanoiTask, ['read']],
  ['admin at the assigning unit decides', principal(['admin', ROOT]), hanoiTask, ['read', 'decideExtension']],
  ['leader at the root does everything', principal(['leader', ROOT]), hanoiTask, ALL],
  ['standing office does everything anywhere', principal(['standing_office', OFFICE]), hanoiTask, ALL],
  ['standing office on a ward task', principal(['standing_office', OFFICE]), wardTask, ALL],
  ['anyone with task.read sees a collective task', principal(['officer', HUE]), collective, ['read']],
  ['viewer sees a collective task', principal(['viewer', HUE]), collective, ['read']],
  ['root leader manages a collective task', principal(['leader', ROOT]), collective, ALL],
];

describe('task policy matrix', () => {
  for (const [label, p, task, allowed] of MATRIX) {
    it(label, () => {
      const got = ACTIONS.filter((a) => canOnTask(p, a, task));
      expect(got).toEqual(allowed);
    });
  }

  it('nobody signed in may do anything', () => {
    for (const a of ACTIONS) expect(canOnTask(null, a, hanoiTask)).toBe(false);
  });

  it('creating a task: managers of the lead unit subtree and the standing office', () => {
    expect(canCreateTask(principal(['officer', HANOI]), HANOI_WARD)).toBe(true);
    expect(canCreateTask(principal(['officer', HANOI]), HUE)).toBe(false);
    expect(canCreateTask(principal(['viewer', ROOT]), HANOI)).toBe(false);
    expect(canCreateTask(principal(['standing_office', OFFICE]), HUE)).toBe(true);
  });
});
