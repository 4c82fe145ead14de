/**
 * Builds the organisation tree from agencies.csv, provinces.csv and communes.csv: the Steering
 * Committee at the root; its standing office; central bodies grouped into blocs; each province
 * with its Party committee, council, people's committee, front, own steering committee and
 * science department; and its communes, wards and special zones.
 */
import { randomUUID } from 'node:crypto';
import { STANDING_OFFICE_CODE } from '../org/policies';
import type { OrgUnitKind } from '../org/schema';
import { foldText } from '../platform/text/fold';
import { emptyToNull, readReferenceCsv } from './reference-data';

export interface OrgUnitSeed {
  id: string;
  code: string;
  name: string;
  shortName: string | null;
  nameEn: string | null;
  kind: OrgUnitKind;
  parentId: string | null;
  path: string;
  level: number;
  sortOrder: number;
  searchText: string;
  formerNames: string | null;
  notes: string | null;
  validFrom: string | null;
}

export interface CollectiveSeed {
  code: string;
  name: string;
  shortName: string | null;
  nameEn: string | null;
  notes: string | null;
}

/** Codes of the structural blocs that group central bodies in the directory. */
export const BLOC_CODES = {
  party: 'KHOI_DANG',
  state: 'KHOI_NHA_NUOC',
  government: 'KHOI_CHINH_PHU',
  front: 'KHOI_MTTQ',
  provinces: 'KHOI_DIA_PHUONG',
} as const;

export const ROOT_CODE = 'BCDTW';
export { STANDING_OFFICE_CODE };

const AGENCY_KIND: Record<string, OrgUnitKind> = {
  ministry: 'ministry',
  ministerial_agency: 'ministerial_agency',
  government_agency: 'government_agency',
  party_body: 'party_body',
  other: 'central_other',
};

const FRONT_CODES = new Set(['MTTQ', 'VUSTA']);
const STATE_CODES = new Set(['QH', 'VPQH', 'VPCTN', 'TANDTC', 'VKSNDTC', 'KTNN']);

const PROVINCES_VALID_FROM = '2025-07-01';

export function buildOrgTree(): { units: OrgUnitSeed[]; collectives: CollectiveSeed[] } {
  const units: OrgUnitSeed[] = [];
  const byCode = new Map<string, OrgUnitSeed>();

  const add = (
    parent: OrgUnitSeed | null,
    u: Omit<OrgUnitSeed, 'id' | 'parentId' | 'path' | 'level' | 'searchText'> & { searchExtra?: string },
  ): OrgUnitSeed => {
    const unitId = randomUUID();
    const { searchExtra, ...rest } = u;
    const unit: OrgUnitSeed = {
      ...rest,
      id: unitId,
      parentId: parent?.id ?? null,
      path: `${parent?.path ?? '/'}${unitId}/`,
      level: parent ? parent.level + 1 : 0,
      searchText: foldText([u.name, u.shortName ?? '', u.code, u.formerNames ?? '', searchExtra ?? ''].join(' ')),
    };
    if (byCode.has(unit.code)) throw new Error(`Mã đơn vị trùng: ${unit.code}`);
    units.push(unit);
    byCode.set(unit.code, unit);
    return unit;
  };

  const agencies = readReferenceCsv('agencies.csv');
  const root = agencies.find((a) => a.code === ROOT_CODE);
  if (!root) throw new Error('agencies.csv thiếu Ban Chỉ đạo Trung ương (BCDTW)');
  const base = (a: Record<string, string>, sortOrder: number) => ({
    code: a.code,
    name: a.name_vi,
    shortName: emptyToNull(a.short_name_vi),
    nameEn: emptyToNull(a.name_en),
    sortOrder,
    formerNames: emptyToNull(a.former_names),
    notes: emptyToNull(a.notes),
    validFrom: null,
  });

  const rootUnit = add(null, { ...base(root, 0), kind: 'steering_committee' });
  const office = agencies.find((a) => a.code === STANDING_OFFICE_CODE)!;
  add(rootUnit, { ...base(office, 1), kind: 'standing_office' });

  const bloc = (code: string, name: string, nameEn: string, sortOrder: number) =>
    add(rootUnit, {
      code,
      name,
      shortName: null,
      nameEn,
      kind: 'group',
      sortOrder,
      formerNames: null,
      notes: null,
      validFrom: null,
    });
  const partyBloc = bloc(BLOC_CODES.party, 'Khối các cơ quan Đảng ở Trung ương', 'Central Party bodies', 2);
  const stateBloc = bloc(
    BLOC_CODES.state,
    'Khối Quốc hội, Chủ tịch nước, cơ quan tư pháp và kiểm toán',
    'National Assembly, President, judiciary and audit',
    3,
  );
  const govBloc = bloc(
    BLOC_CODES.government,
    'Khối Chính phủ: các bộ, cơ quan ngang bộ, cơ quan thuộc Chính phủ',
    'Government: ministries and central agencies',
    4,
  );
  const frontBloc = bloc(
    BLOC_CODES.front,
    'Khối Mặt trận Tổ quốc và các tổ chức khoa học',
    'Fatherland Front and science organisations',
    5,
  );
  const provinceBloc = bloc(BLOC_CODES.provinces, 'Các tỉnh, thành phố trực thuộc Trung ương', 'Provinces and cities', 6);

  const collectives: CollectiveSeed[] = [];
  const children: Record<string, string>[] = [];
  agencies.forEach((a, i) => {
    if (a.code === ROOT_CODE || a.code === STANDING_OFFICE_CODE) return;
    if (a.is_collective === 'true') {
      collectives.push({
        code: a.code,
        name: a.name_vi,
        shortName: emptyToNull(a.short_name_vi),
        nameEn: emptyToNull(a.name_en),
        notes: emptyToNull(a.notes),
      });
      return;
    }
    if (a.parent_code) {
      children.push(a);
      return;
    }
    const kind = AGENCY_KIND[a.kind] ?? 'central_other';
    const parent =
      kind === 'party_body'
        ? partyBloc
        : FRONT_CODES.has(a.code)
          ? frontBloc
          : STATE_CODES.has(a.code)
            ? stateBloc
            : kind === 'central_other'
              ? stateBloc
              : govBloc;
    add(parent, { ...base(a, i + 10), kind });
  });
  for (const a of children) {
    const parent = byCode.get(a.parent_code);
    if (!parent) throw new Error(`agencies.csv: đơn vị cha ${a.parent_code} của ${a.code} không tồn tại`);
    add(parent, { ...base(a, 0), kind: AGENCY_KIND[a.kind] ?? 'central_other' });
  }

  const provinces = readReferenceCsv('provinces.csv');
  provinces.forEach((p, i) => {
    const isCity = p.kind === 'city';
    const lowerKind = isCity ? 'thành phố' : 'tỉnh';
    const province = add(provinceBloc, {
      code: p.code,
      name: p.full_name,
      shortName: p.name,
      nameEn: emptyToNull(p.name_en),
      kind: 'province',
      sortOrder: i,
      formerNames: p.merged === 'true' ? p.merged_from.split(';').join(', ') : null,
      notes: null,
      validFrom: PROVINCES_VALID_FROM,
      searchExtra: p.slug,
    });
    const bloc = (suffix: string, kind: OrgUnitKind, name: string, shortName: string, sortOrder: number) =>
      add(province, {
        code: `${p.code}.${suffix}`,
        name,
        shortName,
        nameEn: null,
        kind,
        sortOrder,
        formerNames: null,
        notes: null,
        validFrom: PROVINCES_VALID_FROM,
      });
    bloc('TU', 'provincial_party_committee', `${isCity ? 'Thành ủy' : 'Tỉnh ủy'} ${p.name}`, isCity ? 'Thành ủy' : 'Tỉnh ủy', 0);
    bloc('HDND', 'provincial_council', `Hội đồng nhân dân ${lowerKind} ${p.name}`, 'HĐND', 1);
    const ubnd = bloc('UBND', 'provincial_people_committee', `Ủy ban nhân dân ${lowerKind} ${p.name}`, 'UBND', 2);
    bloc('MTTQ', 'provincial_front', `Ủy ban Mặt trận Tổ quốc Việt Nam ${lowerKind} ${p.name}`, 'UBMTTQ', 3);
    bloc(
      'BCD57',
      'provincial_steering_committee',
      `Ban Chỉ đạo về phát triển khoa học, công nghệ, đổi mới sáng tạo và chuyển đổi số ${lowerKind} ${p.name}`,
      'Ban Chỉ đạo 57',
      4,
    );
    add(ubnd, {
      code: `${p.code}.SKHCN`,
      name: `Sở Khoa học và Công nghệ ${lowerKind} ${p.name}`,
      shortName: 'Sở KH&CN',
      nameEn: null,
      kind: 'department',
      sortOrder: 0,
      formerNames: null,
      notes: null,
      validFrom: PROVINCES_VALID_FROM,
    });
  });

  const COMMUNE_KIND: Record<string, OrgUnitKind> = { xã: 'commune', phường: 'ward', 'đặc khu': 'special_zone' };
  for (const c of readReferenceCsv('communes.csv')) {
    const province = byCode.get(c.province_code);
    if (!province) throw new Error(`communes.csv: tỉnh ${c.province_code} của ${c.code} không tồn tại`);
    add(province, {
      code: c.code,
      name: c.name,
      shortName: emptyToNull(c.short_name),
      nameEn: null,
      kind: COMMUNE_KIND[c.kind] ?? 'commune',
      sortOrder: 100 + Number(c.order || 0),
      formerNames: null,
      notes: null,
      validFrom: PROVINCES_VALID_FROM,
    });
  }
  return { units, collectives };
}
