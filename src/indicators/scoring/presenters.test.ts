/** Movement is told in words as well as arrows; the CSV carries the table as shown, formula-safe. */
import { describe, expect, it } from 'vitest';
import type { LeagueTable } from './load-league-table';
import { componentScoreLabel, movementText, rankingsCsv } from './presenters';

describe('rankings presenters', () => {
  it('describes movement in words', () => {
    expect(movementText({ rank: 1, previousRank: 3, movement: 2 }, true)).toBe('▲2 (tăng 2 bậc)');
    expect(movementText({ rank: 4, previousRank: 3, movement: -1 }, true)).toBe('▼1 (giảm 1 bậc)');
    expect(movementText({ rank: 2, previousRank: 2, movement: 0 }, true)).toBe('— (giữ nguyên)');
    expect(movementText({ rank: 2, previousRank: null, movement: null }, true)).toBe('Mới (chưa có hạng kỳ trước)');
    expect(movementText({ rank: 2, previousRank: null, movement: null }, false)).toBe('Không có');
  });

  it('marks KPI and PAKN as not applicable outside the total', () => {
    expect(componentScoreLabel('bloc:party', 'kpiAchievement', null)).toBe('Không áp dụng');
    expect(componentScoreLabel('total', 'kpiAchievement', null)).toBe('Chưa có số liệu');
    expect(componentScoreLabel('group:data', 'tasksOnTime', 1234.5)).toBe('1.234,5');
  });

  it('writes the CSV with a BOM, one row per unit, and neutralises formulas', () => {
    const comp = { score: 50, counts: {} };
    const table: LeagueTable = {
      unitClass: 'province',
      dimension: 'total',
      snapshot: '2026-06',
      asOf: '2026-06-30',
      previousSnapshot: '2026-05',
      rows: [
        {
          unitId: 'x',
          unitCode: '48',
          unitName: '=Đà Nẵng, "TP"',
          unitClass: 'province',
          dimension: 'total',
          score: 85.71,
          rank: 1,
          previousRank: 2,
          movement: 1,
          components: { tasksOnTime: comp, overdue: comp, reportTimeliness: { score: null, counts: {} }, kpiAchievement: comp, feedbackOnTime: comp },
        },
      ],
    };
    const csv = rankingsCsv(table);
    expect(csv.startsWith('\uFEFFHạng,Mã,Đơn vị,Điểm,')).toBe(true);
    expect(csv.split('\r\n')[1]).toBe(`1,48,"'=Đà Nẵng, ""TP""",85.71,50,50,,50,50,2,▲1 (tăng 1 bậc)`);
  });
});
