/** Pure parts of the dashboards: event scope, score bands, the projected map and CSV output. */
import { describe, expect, it } from 'vitest';
import type { Principal } from '../org/policies';
import { STANDING_OFFICE_CODE } from '../org/policies';
import { toCsv } from './export-section';
import { provinceMapData } from './map/province-shapes';
import { canSeeDashboardEvent } from './policies';
import { scoreBand } from './unit-scores';

const principal = (role: Principal['grants'][number]['role'], unitPath: string): Principal => ({
  userId: 'u',
  email: 'u@test.vn',
  fullName: 'U',
  homeUnitId: 'x',
  via: 'session',
  // the office's grant carries its real code: national permissions come only from there or the root
  grants: [{ role, unitId: 'x', unitCode: unitPath === '/root/vptw/' ? STANDING_OFFICE_CODE : 'X', unitName: 'X', unitPath }],
});

describe('dashboard event scope', () => {
  const office = principal('standing_office', '/root/vptw/');
  const province = principal('officer', '/root/pb/p11/');
  it('gives national viewers every dashboard event, and nobody other events', () => {
    expect(canSeeDashboardEvent(office, { type: 'indicator.period.approved', unitPath: '/root/pb/p48/' })).toBe(true);
    expect(canSeeDashboardEvent(office, { type: 'score.snapshot' })).toBe(true);
    expect(canSeeDashboardEvent(office, { type: 'feedback.received', unitPath: '/root/' })).toBe(false);
  });
  it('gives a province officer only events inside the province', () => {
    expect(canSeeDashboardEvent(province, { type: 'indicator.period.approved', unitPath: '/root/pb/p11/c1/' })).toBe(true);
    expect(canSeeDashboardEvent(province, { type: 'indicator.period.approved', unitPath: '/root/pb/p48/' })).toBe(false);
    expect(canSeeDashboardEvent(province, { type: 'report.reviewed' })).toBe(false);
  });
});

describe('score bands', () => {
  it('puts scores in five bands by their lower bounds, and no score in band 0', () => {
    expect([100, 80, 79.9, 65, 64.9, 50, 49.9, 35, 34.9, 0].map(scoreBand)).toEqual([1, 1, 2, 2, 3, 3, 4, 4, 5, 5]);
    expect(scoreBand(null)).toBe(0);
  });
});

describe('province map', () => {
  it('projects 34 provinces into small paths and places both archipelagos', () => {
    const map = provinceMapData();
    expect(map.provinces).toHaveLength(34);
    expect(new Set(map.provinces.map((p) => p.code)).size).toBe(34);
    expect(map.provinces.every((p) => /^M\d+ \d+/.test(p.d) && !/\.\d/.test(p.d))).toBe(true);
    expect(map.provinces.reduce((n, p) => n + p.d.length, 0)).toBeLessThan(40_000);
    expect(map.archipelagos.map((a) => a.label)).toEqual(['Quần đảo Hoàng Sa (Việt Nam)', 'Quần đảo Trường Sa (Việt Nam)']);
    for (const a of map.archipelagos) for (const i of a.islands) expect(i.x > 0 && i.x < map.width && i.y > 0 && i.y < map.height).toBe(true);
    expect(provinceMapData()).toBe(map);
  });
});

describe('CSV export', () => {
  it('quotes, neutralises formulas and starts with a BOM', () => {
    const csv = toCsv({ columns: [{ key: 'a', label: 'Tên, đơn vị' }, { key: 'b', label: 'Giá trị' }], rows: [{ a: '=SUM(A1)', b: -3 }, { a: 'có "ngoặc"', b: null }] });
    expect(csv).toBe('\uFEFF"Tên, đơn vị",Giá trị\r\n\'=SUM(A1),-3\r\n"có ""ngoặc""",\r\n');
  });
});
