import { describe, expect, it } from 'vitest';
import { foldText } from '../platform/text/fold';
import { BLOC_CODES, ROOT_CODE, STANDING_OFFICE_CODE, buildOrgTree } from './build-org-tree';
import { readReferenceCsv, splitCodes } from './reference-data';

const { units, collectives } = buildOrgTree();
const byCode = new Map(units.map((u) => [u.code, u]));
const byId = new Map(units.map((u) => [u.id, u]));

describe('organisation tree from reference data', () => {
  it('has one root, the Steering Committee, with its standing office below', () => {
    const roots = units.filter((u) => u.parentId === null);
    expect(roots.map((r) => r.code)).toEqual([ROOT_CODE]);
    expect(byCode.get(STANDING_OFFICE_CODE)?.parentId).toBe(roots[0].id);
    expect(byCode.get(STANDING_OFFICE_CODE)?.kind).toBe('standing_office');
  });

  it('holds the 34 provinces under the provinces bloc and all 3,321 commune-level units', () => {
    const provinces = units.filter((u) => u.kind === 'province');
    expect(provinces).toHaveLength(34);
    const bloc = byCode.get(BLOC_CODES.provinces)!;
    expect(provinces.every((p) => p.parentId === bloc.id)).toBe(true);
    const communes = units.filter((u) => ['commune', 'ward', 'special_zone'].includes(u.kind));
    expect(communes).toHaveLength(3321);
    expect(communes.filter((c) => c.kind === 'ward')).toHaveLength(687);
    expect(communes.filter((c) => c.kind === 'special_zone')).toHaveLength(13);
    expect(byId.get(byCode.get('00070')!.parentId!)?.code).toBe('01');
  });

  it('gives each province its Party committee, council, people’s committee, front, steering committee and science department', () => {
    for (const suffix of ['TU', 'HDND', 'UBND', 'MTTQ', 'BCD57', 'SKHCN']) expect(byCode.has(`48.${suffix}`), suffix).toBe(true);
    expect(byCode.get('48.TU')!.name).toBe('Thành ủy Đà Nẵng');
    expect(byCode.get('04.TU')!.name).toBe('Tỉnh ủy Cao Bằng');
    expect(byId.get(byCode.get('48.SKHCN')!.parentId!)?.code).toBe('48.UBND');
  });

  it('lists every parent before its children, with consistent paths and levels', () => {
    const seen = new Set<string>();
    for (const u of units) {
      if (u.parentId) {
        expect(seen.has(u.parentId), u.code).toBe(true);
        const parent = byId.get(u.parentId)!;
        expect(u.path).toBe(`${parent.path}${u.id}/`);
        expect(u.level).toBe(parent.level + 1);
      }
      seen.add(u.id);
    }
  });

  it('keeps collective addressees out of the tree', () => {
    const codes = collectives.map((c) => c.code);
    expect(codes).toContain('ALL_PROVINCES');
    expect(codes.some((c) => byCode.has(c))).toBe(false);
  });

  it('indexes folded names for search', () => {
    expect(byCode.get('48')!.searchText).toContain(foldText('Đà Nẵng'));
    expect(byCode.get('BKHCN')!.searchText).toContain('bo khoa hoc va cong nghe');
  });

  it('can resolve every agency code used by the 140 tasks', () => {
    const known = new Set([...units.map((u) => u.code), ...collectives.map((c) => c.code)]);
    const unknown = new Set<string>();
    for (const row of readReferenceCsv('nq03-tasks.csv')) {
      for (const code of [...splitCodes(row.lead_agency_codes), ...splitCodes(row.coordinating_agency_codes)]) {
        if (!known.has(code)) unknown.add(code);
      }
    }
    expect([...unknown]).toEqual([]);
  });
});
