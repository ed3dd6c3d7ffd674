/**
 * Fictitious citizens for generated data: Vietnamese names in their usual proportions, 12-digit personal IDs in the
 * official layout (LEGAL.md Identifiers: 3 digits place of birth registration, century+sex, year, 6 random),
 * mobile numbers, and addresses in the agency's own commune and province. No real person is described.
 */
import type { Rng } from './random.ts';

const SURNAMES: Record<string, number> = {
  Nguyễn: 38,
  Trần: 11,
  Lê: 9.5,
  Phạm: 7,
  Hoàng: 5,
  Huỳnh: 4,
  Phan: 4.5,
  Vũ: 4,
  Võ: 3,
  Đặng: 2,
  Bùi: 2,
  Đỗ: 1.4,
  Hồ: 1.3,
  Ngô: 1.3,
  Dương: 1,
  Lý: 0.5,
  Đinh: 0.7,
  Trịnh: 0.6,
  Mai: 0.5,
  Lương: 0.4,
};
const MIDDLE_M = ['Văn', 'Hữu', 'Đức', 'Minh', 'Quang', 'Công', 'Thanh', 'Xuân', 'Ngọc', 'Đình'];
const MIDDLE_F = ['Thị', 'Thị', 'Thị', 'Ngọc', 'Thu', 'Thanh', 'Kim', 'Hồng', 'Phương', 'Minh'];
const GIVEN_M = ['Hùng', 'Dũng', 'Minh', 'Tuấn', 'Nam', 'Long', 'Hải', 'Sơn', 'Phong', 'Quân', 'Thắng', 'Bình', 'Cường', 'Đức', 'Khánh', 'Trung', 'Hiếu', 'Tâm', 'Vinh', 'Toàn', 'Tùng', 'Hưng', 'Lâm', 'Thành'];
const GIVEN_F = ['Lan', 'Hoa', 'Hương', 'Mai', 'Linh', 'Trang', 'Hà', 'Thảo', 'Ngọc', 'Yến', 'Nhung', 'Hạnh', 'Phương', 'Thủy', 'Loan', 'Nga', 'Vân', 'Dung', 'Huyền', 'Oanh', 'Hằng', 'Tuyết'];
export const STREETS = [
  'Lê Lợi',
  'Trần Hưng Đạo',
  'Nguyễn Trãi',
  'Hai Bà Trưng',
  'Lý Thường Kiệt',
  'Quang Trung',
  'Nguyễn Huệ',
  'Hùng Vương',
  'Phan Đình Phùng',
  'Điện Biên Phủ',
  'Lê Duẩn',
  'Nguyễn Du',
  'Bà Triệu',
  'Trần Phú',
  'Lạc Long Quân',
  'Võ Thị Sáu',
  'Nguyễn Văn Cừ',
  'Lê Thánh Tông',
];
/** Place-of-birth codes of the personal ID: the 63 provinces before 2025 (never checked against the 34 new ones). */
const BIRTH_CODES = [
  1, 2, 4, 6, 8, 10, 11, 12, 14, 15, 17, 19, 20, 22, 24, 25, 26, 27, 30, 31, 33, 34, 35, 36, 37, 38, 40, 42, 44, 45, 46, 48, 49, 51, 52, 54, 56, 58, 60, 62, 64,
  66, 67, 68, 70, 72, 74, 75, 77, 79, 80, 82, 83, 84, 86, 87, 89, 91, 92, 93, 94, 95, 96,
];
/** Provinces of the south, where hamlets are "ấp" rather than "thôn". */
const SOUTHERN = new Set(['75', '79', '80', '82', '86', '91', '92', '96']);

export interface Place {
  /** "Phường Ba Đình" (commune) or the province's own name for a province-level or national agency. */
  unitName: string;
  provinceName: string;
  provinceCode: string | null;
  urban: boolean;
}

export interface Citizen {
  name: string;
  idNumber: string;
  address: string;
  phone: string | undefined;
}

const digits = (rng: Rng, n: number) => {
  let s = '';
  for (let i = 0; i < n; i++) s += String(rng.int(0, 9));
  return s;
};

export function personName(rng: Rng): { name: string; female: boolean } {
  const female = rng.chance(0.46);
  const surname = rng.weighted(SURNAMES);
  const middle = rng.pick(female ? MIDDLE_F : MIDDLE_M);
  const given = rng.pick(female ? GIVEN_F : GIVEN_M);
  return { name: `${surname} ${middle} ${given}`, female };
}

export function address(rng: Rng, place: Place): string {
  const unit = `${place.unitName}, ${place.provinceName}`;
  if (place.urban || rng.chance(0.3)) return `Số ${rng.int(1, 320)} đường ${rng.pick(STREETS)}, ${unit}`;
  return `${place.provinceCode && SOUTHERN.has(place.provinceCode) ? 'Ấp' : 'Thôn'} ${rng.int(1, 18)}, ${unit}`;
}

export function citizen(rng: Rng, place: Place): Citizen {
  const { name, female } = personName(rng);
  const born = rng.int(1945, 2004);
  const century = born >= 2000 ? 2 : 0;
  const idNumber = `${String(rng.pick(BIRTH_CODES)).padStart(3, '0')}${century + (female ? 1 : 0)}${String(born % 100).padStart(2, '0')}${digits(rng, 6)}`;
  // Prefix 050 is not assigned to a carrier: a generated number never reaches a real subscriber.
  const phone = rng.chance(0.8) ? `050${digits(rng, 7)}` : undefined;
  return { name, idNumber, address: address(rng, place), phone };
}

/** The head of an agency, by the agency's own stream (the same person for every session of the period). */
export function headOf(rng: Rng, level: string): { name: string; title: string; deputy: { name: string; title: string } } {
  const title = level === 'commune' ? 'Chủ tịch Ủy ban nhân dân' : level === 'province' ? 'Chủ tịch Ủy ban nhân dân' : 'Bộ trưởng, Thủ trưởng cơ quan';
  const deputyTitle = level === 'ministry' || level === 'national' ? 'Thứ trưởng, Phó Thủ trưởng cơ quan' : 'Phó Chủ tịch Ủy ban nhân dân';
  return { name: personName(rng).name, title, deputy: { name: personName(rng).name, title: deputyTitle } };
}
