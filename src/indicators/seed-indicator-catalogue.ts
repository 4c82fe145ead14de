/**
 * Idempotent top-up of the KPI catalogue (kinds, frequencies, hierarchy, national targets), run on
 * every start. The reference seed loads Resolution 57's targets and Resolution 03's Appendix I as
 * plain rows; this step makes them a KPI catalogue once (a marker in app_meta remembers it, so a
 * later edit on the manage page is never overwritten), and adds the operational provincial KPIs
 * that are missing (by code, so renamed ones survive restarts).
 *
 * Choices, per indicator, for the reference rows:
 * - kind: NQ57 rows are 'strategic', NQ03 rows 'operational' (the Government's programme that
 *   carries them out); frequency 'year'; responsible unit = the monitoring unit (an NQ57 row takes
 *   the monitoring unit of the first NQ03 row it lists);
 * - hierarchy: an NQ03 row listed in an NQ57 row's related_codes gets that NQ57 row as parent;
 *   other NQ03 sub-items (11.1 …) hang under their NQ03 header;
 * - aggregation: counts (enterprises, organisations) are 'sum' — provinces' and ministries' counts
 *   add up; everything else in these two lists (percentages, shares of GDP, rankings, indices, per
 *   capita ratios, growth rates) is a national statistic measured once for the country, so
 *   'latest' (no roll-up: the figure is the one reported at the root or by the responsible unit);
 * - national targets: an `indicator_target` at the root for period String(horizon) when the target
 *   is numeric (target_value, else the lower end of a 'between' range, which is where it is met).
 *
 * The provincial KPIs DP-01…DP-07 (source 'LOCAL': defined on this platform) are quarterly, reported by provinces and communes; shares roll up
 * as a plain mean (each province counts once, like the national scoreboards do), except the share
 * of digitised records, weighted by the number of records received (DP-07) so that a big province
 * counts for what it handles; money and counts are summed.
 */
import { and, eq, isNull, sql } from 'drizzle-orm';
import { orgUnit } from '../org/schema';
import type { Database } from '../platform/db/client';
import { appMeta } from '../platform/db/meta-schema';
import { foldText } from '../platform/text/fold';
import { type Aggregation, indicator, indicatorTarget } from './schema';

const MARKER = 'seed.indicator-catalogue.v1';
const ROOT_CODE = 'BCDTW';
const MONITORING_CODE = 'BKHCN';

interface OperationalKpi {
  code: string;
  name: string;
  unit: string;
  direction: 'higher' | 'lower';
  aggregation: Aggregation;
  definition: string;
  dataSource: string;
  parentCode: string | null;
  weightCode?: string;
  /** national targets Q1..Q4 2026 */
  targets2026: [number, number, number, number] | null;
  baseline?: { value: number; period: string };
}

export const OPERATIONAL_KPIS: OperationalKpi[] = [
  {
    code: 'DP-01',
    name: 'Tỉ lệ thủ tục hành chính cung cấp dịch vụ công trực tuyến toàn trình',
    unit: '%',
    direction: 'higher',
    aggregation: 'mean',
    definition: 'Số thủ tục hành chính có đủ điều kiện được cung cấp dịch vụ công trực tuyến toàn trình trên tổng số thủ tục hành chính đủ điều kiện thuộc thẩm quyền của đơn vị, tại ngày cuối kỳ, nhân 100.',
    dataSource: 'Hệ thống thông tin giải quyết thủ tục hành chính cấp tỉnh; Cổng Dịch vụ công quốc gia',
    parentCode: 'NQ03-CT-11.2',
    targets2026: [70, 75, 80, 85],
    baseline: { value: 62, period: '2025-Q4' },
  },
  {
    code: 'DP-02',
    name: 'Tỉ lệ hồ sơ thủ tục hành chính được số hoá kết quả giải quyết',
    unit: '%',
    direction: 'higher',
    aggregation: 'weighted_mean',
    weightCode: 'DP-07',
    definition: 'Số hồ sơ đã giải quyết trong kỳ có kết quả được số hoá và lưu trong kho dữ liệu điện tử trên tổng số hồ sơ đã giải quyết trong kỳ, nhân 100. Tổng hợp lên cấp trên theo trung bình có trọng số là số hồ sơ tiếp nhận (DP-07).',
    dataSource: 'Hệ thống thông tin giải quyết thủ tục hành chính cấp tỉnh',
    parentCode: 'NQ03-CT-11.3',
    targets2026: [60, 68, 76, 85],
  },
  {
    code: 'DP-03',
    name: 'Tỉ lệ văn bản, hồ sơ công việc được xử lý toàn trình trên môi trường điện tử',
    unit: '%',
    direction: 'higher',
    aggregation: 'mean',
    definition: 'Số văn bản, hồ sơ công việc được xử lý, ký số và lưu trữ hoàn toàn trên môi trường điện tử trên tổng số văn bản, hồ sơ công việc trong kỳ (trừ văn bản mật), nhân 100.',
    dataSource: 'Hệ thống quản lý văn bản và điều hành của đơn vị',
    parentCode: 'NQ03-CT-11.10',
    targets2026: [80, 85, 90, 95],
  },
  {
    code: 'DP-04',
    name: 'Chi ngân sách địa phương cho khoa học, công nghệ, đổi mới sáng tạo và chuyển đổi số (luỹ kế từ đầu năm)',
    unit: 'tỉ đồng',
    direction: 'higher',
    aggregation: 'sum',
    definition: 'Tổng số chi ngân sách địa phương đã giải ngân cho khoa học, công nghệ, đổi mới sáng tạo và chuyển đổi số, luỹ kế từ đầu năm đến ngày cuối kỳ.',
    dataSource: 'Sở Tài chính; Kho bạc Nhà nước khu vực',
    parentCode: 'NQ03-CT-17',
    targets2026: [2500, 6000, 10000, 15000],
  },
  {
    code: 'DP-05',
    name: 'Tỉ lệ người trưởng thành có chữ ký số hoặc chữ ký điện tử cá nhân',
    unit: '%',
    direction: 'higher',
    aggregation: 'mean',
    definition: 'Số người từ đủ 18 tuổi trở lên trên địa bàn có chứng thư chữ ký số hoặc chữ ký điện tử cá nhân còn hiệu lực trên tổng dân số trưởng thành của địa bàn, nhân 100.',
    dataSource: 'Tổ chức cung cấp dịch vụ chứng thực chữ ký số; Công an tỉnh (VNeID)',
    parentCode: 'NQ03-CT-31',
    targets2026: [45, 50, 55, 60],
  },
  {
    code: 'DP-06',
    name: 'Số doanh nghiệp công nghệ số đang hoạt động trên địa bàn',
    unit: 'doanh nghiệp',
    direction: 'higher',
    aggregation: 'sum',
    definition: 'Số doanh nghiệp có ngành kinh doanh chính thuộc công nghiệp công nghệ số đang hoạt động trên địa bàn tại ngày cuối kỳ.',
    dataSource: 'Hệ thống thông tin quốc gia về đăng ký doanh nghiệp; Sở Khoa học và Công nghệ',
    parentCode: 'NQ57-2030-07',
    targets2026: [52000, 54000, 56000, 58000],
  },
  {
    code: 'DP-07',
    name: 'Số hồ sơ thủ tục hành chính tiếp nhận trong kỳ',
    unit: 'hồ sơ',
    direction: 'higher',
    aggregation: 'sum',
    definition: 'Tổng số hồ sơ thủ tục hành chính đơn vị tiếp nhận trong kỳ (trực tuyến và trực tiếp); dùng làm trọng số khi tổng hợp DP-02.',
    dataSource: 'Hệ thống thông tin giải quyết thủ tục hành chính cấp tỉnh',
    parentCode: null,
    targets2026: null,
  },
];

const COUNT_UNITS = ['doanh nghiệp', 'tổ chức', 'tổ chức, doanh nghiệp'];

function aggregationForUnit(unit: string | null): Aggregation {
  return unit && COUNT_UNITS.includes(unit.trim().toLowerCase()) ? 'sum' : 'latest';
}

export async function seedIndicatorCatalogue(db: Database): Promise<void> {
  const [done] = await db.select({ key: appMeta.key }).from(appMeta).where(eq(appMeta.key, MARKER));
  const [last] = await db.select({ id: indicator.id }).from(indicator).where(eq(indicator.code, OPERATIONAL_KPIS[OPERATIONAL_KPIS.length - 1].code));
  if (done && last) return;
  const [root] = await db.select({ id: orgUnit.id }).from(orgUnit).where(eq(orgUnit.code, ROOT_CODE));
  if (!root) return; // reference data not seeded yet

  await db.transaction(async (tx) => {
    if (!done) await convertReferenceRows(tx as unknown as Database, root.id);
    await addOperationalKpis(tx as unknown as Database, root.id);
    await tx.insert(appMeta).values({ key: MARKER, value: { at: new Date().toISOString() } }).onConflictDoNothing();
  });
}

async function convertReferenceRows(db: Database, rootId: string) {
  const rows = await db.select().from(indicator).where(sql`${indicator.source} in ('NQ57', 'NQ03') and ${indicator.kind} <> 'checklist' and ${indicator.code} like 'NQ%'`);
  const byCode = new Map(rows.map((r) => [r.code, r]));
  const nq03ByNumber = new Map(rows.filter((r) => r.source === 'NQ03' && r.number).map((r) => [r.number!, r]));
  const parentOf = new Map<string, string>();
  const nq57Responsible = new Map<string, string | null>();
  for (const r of rows) {
    if (r.source !== 'NQ57') continue;
    for (const code of r.relatedCodes ?? []) {
      const child = byCode.get(code);
      if (child && !parentOf.has(child.id)) parentOf.set(child.id, r.id);
    }
    const first = (r.relatedCodes ?? []).map((c) => byCode.get(c)).find((c) => c?.monitoringUnitId);
    nq57Responsible.set(r.id, first?.monitoringUnitId ?? null);
  }
  for (const r of rows) {
    if (r.source === 'NQ03' && !parentOf.has(r.id) && r.parentNumber) {
      const header = nq03ByNumber.get(r.parentNumber);
      if (header) parentOf.set(r.id, header.id);
    }
  }
  for (const r of rows) {
    const kind = r.source === 'NQ57' ? 'strategic' : 'operational';
    await db
      .update(indicator)
      .set({
        kind,
        frequency: 'year',
        aggregation: aggregationForUnit(r.unit),
        parentId: r.parentId ?? parentOf.get(r.id) ?? null,
        responsibleUnitId: r.responsibleUnitId ?? (r.source === 'NQ57' ? (nq57Responsible.get(r.id) ?? null) : r.monitoringUnitId),
        dataSource: r.dataSource ?? (r.source === 'NQ03' ? 'Nghị quyết 03/NQ-CP, Phụ lục I' : 'Nghị quyết 57-NQ/TW'),
        definition: r.definition ?? r.targetText,
      })
      .where(eq(indicator.id, r.id));
    const target = r.targetValue ?? (r.comparator === 'between' ? r.targetMin : null);
    if (target != null && r.horizon && !r.qualitative) {
      await db
        .insert(indicatorTarget)
        .values({ indicatorId: r.id, orgUnitId: rootId, period: String(r.horizon), value: String(target), note: r.targetText })
        .onConflictDoNothing();
    }
  }
}

async function addOperationalKpis(db: Database, rootId: string) {
  const [monitor] = await db.select({ id: orgUnit.id }).from(orgUnit).where(eq(orgUnit.code, MONITORING_CODE));
  for (const [i, k] of OPERATIONAL_KPIS.entries()) {
    await db
      .insert(indicator)
      .values({
        code: k.code,
        source: 'LOCAL',
        horizon: 2030,
        sortOrder: 5000 + i,
        name: k.name,
        unit: k.unit,
        direction: k.direction,
        comparator: '>=',
        kind: 'operational',
        aggregation: k.aggregation,
        frequency: 'quarter',
        baselineValue: k.baseline ? String(k.baseline.value) : null,
        baselinePeriod: k.baseline?.period ?? null,
        responsibleUnitId: monitor?.id ?? null,
        monitoringUnitId: monitor?.id ?? null,
        dataSource: k.dataSource,
        definition: k.definition,
        searchText: foldText(`${k.code} ${k.name}`),
      })
      .onConflictDoNothing();
  }
  // links, once: only where still unset, so later edits stay
  const codes = new Map((await db.select({ id: indicator.id, code: indicator.code }).from(indicator)).map((r) => [r.code, r.id]));
  for (const k of OPERATIONAL_KPIS) {
    const id = codes.get(k.code)!;
    const parentId = k.parentCode ? codes.get(k.parentCode) : undefined;
    if (parentId) await db.update(indicator).set({ parentId }).where(and(eq(indicator.id, id), isNull(indicator.parentId)));
    const weightId = k.weightCode ? codes.get(k.weightCode) : undefined;
    if (weightId) await db.update(indicator).set({ weightIndicatorId: weightId }).where(and(eq(indicator.id, id), isNull(indicator.weightIndicatorId)));
    if (k.targets2026) {
      await db
        .insert(indicatorTarget)
        .values(k.targets2026.map((value, q) => ({ indicatorId: id, orgUnitId: rootId, period: `2026-Q${q + 1}`, value: String(value) })))
        .onConflictDoNothing();
    }
  }
}
