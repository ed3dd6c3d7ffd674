/**
 * Diacritic-insensitive matching for client-side filtering ("phuong ba dinh" finds "Phường Ba Đình").
 * Mirrors foldForSearch in domain/src/text.ts, which the web workspace does not depend on yet.
 */
export function fold(input: string): string {
  return input
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}
