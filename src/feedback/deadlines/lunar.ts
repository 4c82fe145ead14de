/**
 * The Vietnamese lunisolar calendar (âm lịch), computed with the well-known astronomical method
 * (Julian day numbers, Meeus-style new-moon times and sun longitude) for the UTC+7 time zone.
 * The holiday rules need two things from it: the first day of a lunar year (Tết Nguyên đán) and
 * the solar date of a lunar date (Giỗ Tổ Hùng Vương, 10/3 âm lịch). Valid for 1900–2199.
 */

const TZ = 7;
const { floor, sin, PI } = Math;

/** Julian day number of a Gregorian (from 15/10/1582) or Julian calendar date. */
export function jdFromDate(dd: number, mm: number, yy: number): number {
  const a = floor((14 - mm) / 12);
  const y = yy + 4800 - a;
  const m = mm + 12 * a - 3;
  let jd = dd + floor((153 * m + 2) / 5) + 365 * y + floor(y / 4) - floor(y / 100) + floor(y / 400) - 32045;
  if (jd < 2299161) jd = dd + floor((153 * m + 2) / 5) + 365 * y + floor(y / 4) - 32083;
  return jd;
}

/** [day, month, year] of a Julian day number. */
export function jdToDate(jd: number): [number, number, number] {
  let b: number;
  let c: number;
  if (jd > 2299160) {
    const a = jd + 32044;
    b = floor((4 * a + 3) / 146097);
    c = a - floor((b * 146097) / 4);
  } else {
    b = 0;
    c = jd + 32082;
  }
  const d = floor((4 * c + 3) / 1461);
  const e = c - floor((1461 * d) / 4);
  const m = floor((5 * e + 2) / 153);
  return [e - floor((153 * m + 2) / 5) + 1, m + 3 - 12 * floor(m / 10), b * 100 + d - 4800 + floor(m / 10)];
}

/** Julian date (UT, fractional) of the k-th new moon after 1900-01-01. */
function newMoon(k: number): number {
  const T = k / 1236.85;
  const T2 = T * T;
  const T3 = T2 * T;
  const dr = PI / 180;
  let jd1 = 2415020.75933 + 29.53058868 * k + 0.0001178 * T2 - 0.000000155 * T3;
  jd1 += 0.00033 * sin((166.56 + 132.87 * T - 0.009173 * T2) * dr);
  const M = 359.2242 + 29.10535608 * k - 0.0000333 * T2 - 0.00000347 * T3;
  const Mpr = 306.0253 + 385.81691806 * k + 0.0107306 * T2 + 0.00001236 * T3;
  const F = 21.2964 + 390.67050646 * k - 0.0016528 * T2 - 0.00000239 * T3;
  let c1 = (0.1734 - 0.000393 * T) * sin(M * dr) + 0.0021 * sin(2 * dr * M);
  c1 = c1 - 0.4068 * sin(Mpr * dr) + 0.0161 * sin(dr * 2 * Mpr);
  c1 = c1 - 0.0004 * sin(dr * 3 * Mpr);
  c1 = c1 + 0.0104 * sin(dr * 2 * F) - 0.0051 * sin(dr * (M + Mpr));
  c1 = c1 - 0.0074 * sin(dr * (M - Mpr)) + 0.0004 * sin(dr * (2 * F + M));
  c1 = c1 - 0.0004 * sin(dr * (2 * F - M)) - 0.0006 * sin(dr * (2 * F + Mpr));
  c1 = c1 + 0.001 * sin(dr * (2 * F - Mpr)) + 0.0005 * sin(dr * (2 * Mpr + M));
  const deltaT = T < -11 ? 0.001 + 0.000839 * T + 0.0002261 * T2 - 0.00000845 * T3 - 0.000000081 * T * T3 : -0.000278 + 0.000265 * T + 0.000262 * T2;
  return jd1 + c1 - deltaT;
}

/** Sun's apparent longitude in radians, 0..2π, at the Julian date `jdn` (UT). */
function sunLongitude(jdn: number): number {
  const T = (jdn - 2451545.0) / 36525;
  const T2 = T * T;
  const dr = PI / 180;
  const M = 357.5291 + 35999.0503 * T - 0.0001559 * T2 - 0.00000048 * T * T2;
  const L0 = 280.46645 + 36000.76983 * T + 0.0003032 * T2;
  let DL = (1.9146 - 0.004817 * T - 0.000014 * T2) * sin(dr * M);
  DL = DL + (0.019993 - 0.000101 * T) * sin(dr * 2 * M) + 0.00029 * sin(dr * 3 * M);
  let L = (L0 + DL) * dr;
  L = L - PI * 2 * floor(L / (PI * 2));
  return L;
}

/** Local day number of the k-th new moon. */
function newMoonDay(k: number): number {
  return floor(newMoon(k) + 0.5 + TZ / 24);
}

/** Which twelfth of the ecliptic (0..11, i.e. which major solar term) the sun is in at the start of a local day. */
function sunSector(dayNumber: number): number {
  return floor((sunLongitude(dayNumber - 0.5 - TZ / 24) / PI) * 6);
}

/** Day number of the start of lunar month 11 (the month holding the winter solstice) of year `yy`. */
function lunarMonth11(yy: number): number {
  const off = jdFromDate(31, 12, yy) - 2415021;
  const k = floor(off / 29.530588853);
  const nm = newMoonDay(k);
  return sunSector(nm) >= 9 ? newMoonDay(k - 1) : nm;
}

/** In a leap lunar year starting at month 11 `a11`: the offset of the leap month from month 11. */
function leapMonthOffset(a11: number): number {
  const k = floor((a11 - 2415021.076998695) / 29.530588853 + 0.5);
  let last = 0;
  let i = 1;
  let arc = sunSector(newMoonDay(k + i));
  do {
    last = arc;
    i++;
    arc = sunSector(newMoonDay(k + i));
  } while (arc !== last && i < 14);
  return i - 1;
}

function isoOfJd(jd: number): string {
  const [d, m, y] = jdToDate(jd);
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

/**
 * The solar date ('YYYY-MM-DD') of lunar day `day` of lunar month `month` (1–12) of lunar year
 * `lunarYear`; `leap` asks for the leap (nhuận) month of that number. Null when the lunar date does
 * not exist (a leap month the year does not have, or day 30 of a 29-day month).
 */
export function solarFromLunar(lunarYear: number, month: number, day: number, leap = false): string | null {
  if (!Number.isInteger(month) || month < 1 || month > 12 || !Number.isInteger(day) || day < 1 || day > 30) return null;
  const [a11, b11] = month < 11 ? [lunarMonth11(lunarYear - 1), lunarMonth11(lunarYear)] : [lunarMonth11(lunarYear), lunarMonth11(lunarYear + 1)];
  const k = floor(0.5 + (a11 - 2415021.076998695) / 29.530588853);
  let off = month - 11;
  if (off < 0) off += 12;
  if (b11 - a11 > 365) {
    const leapOff = leapMonthOffset(a11);
    let leapMonth = leapOff - 2;
    if (leapMonth < 0) leapMonth += 12;
    if (leap && month !== leapMonth) return null;
    if (leap || off >= leapOff) off += 1;
  } else if (leap) {
    return null;
  }
  const monthStart = newMoonDay(k + off);
  if (day === 30 && newMoonDay(k + off + 1) - monthStart < 30) return null;
  return isoOfJd(monthStart + day - 1);
}

/** Tết Nguyên đán: the solar date of 1/1 of the lunar year that begins in solar year `year`. */
export function lunarNewYear(year: number): string {
  return solarFromLunar(year, 1, 1)!;
}
