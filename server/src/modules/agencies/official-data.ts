/**
 * Reads the official lists shipped in server/db/official (copied from QĐ 19/2025/QĐ-TTg data; see SOURCE.md there).
 * The product never reads ../shared at run time.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const dir = fileURLToPath(new URL('../../../db/official/', import.meta.url));

/** Minimal RFC 4180 reader: quoted fields with commas and doubled quotes; the files are UTF-8, LF, NFC. */
export function parseCsv(text: string): Record<string, string>[] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      row.push(field);
      field = '';
      if (row.some((f) => f !== '')) rows.push(row);
      row = [];
    } else field += c;
  }
  if (field !== '' || row.length) {
    row.push(field);
    rows.push(row);
  }
  const [header, ...body] = rows;
  if (!header) return [];
  return body.map((r) => Object.fromEntries(header.map((h, i) => [h, r[i] ?? ''])));
}

function read(name: string) {
  return parseCsv(readFileSync(`${dir}${name}`, 'utf8'));
}

export interface OfficialProvince {
  code: string;
  name: string;
  type: string;
  fullName: string;
}
export interface OfficialCommune extends OfficialProvince {
  provinceCode: string;
}
export interface NationalAgency {
  code: string;
  level: 'national' | 'ministry';
  unitType: string;
  fullName: string;
  shortName: string;
}

export function officialProvinces(): OfficialProvince[] {
  return read('provinces.csv').map((r) => ({ code: r.code!, name: r.name!, type: r.type!, fullName: r.full_name! }));
}
export function officialCommunes(): OfficialCommune[] {
  return read('communes.csv').map((r) => ({ code: r.code!, name: r.name!, type: r.type!, fullName: r.full_name!, provinceCode: r.province_code! }));
}
export function nationalAgencies(): NationalAgency[] {
  return read('national.csv').map((r) => ({
    code: r.code!,
    level: r.level as 'national' | 'ministry',
    unitType: r.unit_type!,
    fullName: r.full_name!,
    shortName: r.short_name!,
  }));
}
