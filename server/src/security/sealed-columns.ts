/**
 * Every place the database keeps a sealed box (security/sealer.ts: AES-256-GCM, the key id beside the ciphertext).
 * The key tools (`danvan keys status`, `danvan keys reseal`; docs/runbooks/seal-keys.md) walk this list and nothing
 * else, so a new sealed column is added HERE, in the same commit as the schema change. sealed-columns.test.ts fails
 * (at type-check and at run time) when schema.ts declares a sealed column this list does not cover.
 *
 * Two layouts:
 * - `json`: one jsonb column holding the box `{keyId, iv, ciphertext, authTag}` (typed `SealedJson` in schema.ts),
 *   null when there is nothing sealed;
 * - `columns`: the row itself is the box, in the columns key_id, iv, ciphertext, auth_tag (sealed_identities).
 *
 * Sealed values that never reach the database are not listed: the portal's short-lived cookies (pages/routes.ts)
 * are sealed too, and simply stop opening once their key is dropped (the citizen signs in again).
 */
import { getTableColumns, getTableName } from 'drizzle-orm';
import type { PgColumn, PgTable } from 'drizzle-orm/pg-core';
import * as schema from '../db/schema.ts';
import type { SealedBox } from './sealer.ts';

type Schema = typeof schema;
/** The schema's exports that are tables. */
export type TableName = { [K in keyof Schema]: Schema[K] extends PgTable ? K : never }[keyof Schema];
type Row<T extends TableName> = Schema[T]['$inferSelect'];
type IsBox<V> = [V] extends [never] ? false : V extends SealedBox ? true : false;

/** Columns of a table whose TypeScript type is a sealed box (a jsonb column typed `SealedJson`, nullable or not). */
export type SealedJsonColumnOf<T extends TableName> = { [C in keyof Row<T>]-?: IsBox<NonNullable<Row<T>[C]>> extends true ? C : never }[keyof Row<T>] & string;
/** Tables whose rows are boxes in their own columns (keyId, iv, ciphertext, authTag). */
export type SealedRowTable = { [T in TableName]: IsBox<Row<T>> extends true ? T : never }[TableName];
/** What the schema seals, by TypeScript name: "table.column" for a jsonb box, "table" for a row box. */
export type SealedInSchema = { [T in TableName]: `${T}.${SealedJsonColumnOf<T>}` }[TableName] | SealedRowTable;

export interface SealedStore {
  /** SQL name: "table.column" for a jsonb box, "table" for a row box; how the tools and the audit trail name it. */
  name: string;
  /** What the boxes hold, for the operator (Vietnamese). */
  holds: string;
  table: PgTable;
  /** The primary key (batches walk it in order). */
  key: PgColumn;
  layout: { kind: 'json'; column: PgColumn } | { kind: 'columns'; keyId: PgColumn; iv: PgColumn; ciphertext: PgColumn; authTag: PgColumn };
}

interface Listed<R extends string> {
  /** The TypeScript name, checked against `SealedInSchema`. */
  ref: R;
  store: SealedStore;
}

function columnOf(table: PgTable, prop: string): PgColumn {
  const c = getTableColumns(table)[prop];
  if (!c) throw new Error(`${getTableName(table)} has no column ${prop}`);
  return c;
}

function jsonBox<T extends TableName, C extends SealedJsonColumnOf<T>>(table: T, column: C, key: keyof Row<T> & string, holds: string): Listed<`${T}.${C}`> {
  const t = schema[table] as PgTable;
  const col = columnOf(t, column);
  return { ref: `${table}.${column}`, store: { name: `${getTableName(t)}.${col.name}`, holds, table: t, key: columnOf(t, key), layout: { kind: 'json', column: col } } };
}

function rowBox<T extends SealedRowTable>(table: T, key: keyof Row<T> & string, holds: string): Listed<T> {
  const t = schema[table] as PgTable;
  return {
    ref: table,
    store: {
      name: getTableName(t),
      holds,
      table: t,
      key: columnOf(t, key),
      layout: { kind: 'columns', keyId: columnOf(t, 'keyId'), iv: columnOf(t, 'iv'), ciphertext: columnOf(t, 'ciphertext'), authTag: columnOf(t, 'authTag') },
    },
  };
}

const LISTED = [
  rowBox('sealedIdentities', 'id', 'danh tính người tố cáo'),
  jsonBox('portalSubmissions', 'contact', 'id', 'liên hệ (họ tên, e-mail, điện thoại) của người gửi đơn qua cổng'),
  jsonBox('portalIdempotencyKeys', 'response', 'keyHash', 'kết quả đã trả cho một Idempotency-Key (mã tra cứu và mật mã)'),
  jsonBox('portalAttachments', 'dataKey', 'id', 'khóa riêng của từng tệp đính kèm (tệp trên đĩa không đổi)'),
  jsonBox('notificationOutbox', 'payload', 'id', 'địa chỉ và nội dung thông báo chưa gửi'),
  jsonBox('dialogueRegistrations', 'contact', 'id', 'liên hệ (họ tên, điện thoại, e-mail) của người đăng ký dự đối thoại'),
  jsonBox('commitmentEvidence', 'dataKey', 'id', 'khóa riêng của từng tệp minh chứng thực hiện cam kết'),
  jsonBox('dialogueAttachments', 'dataKey', 'id', 'khóa riêng của từng tệp đính kèm hội nghị đối thoại (biên bản, ảnh)'),
  jsonBox('receptionBookings', 'contact', 'id', 'họ tên và số điện thoại của người đặt lịch tiếp công dân'),
  jsonBox('modelEvidence', 'dataKey', 'id', 'khóa riêng của tệp minh chứng mô hình «Dân vận khéo»'),
  jsonBox('modelEvidence', 'publicDataKey', 'id', 'khóa riêng của bản công khai ảnh minh chứng (đã bỏ EXIF)'),
  jsonBox('grassrootsHouseholds', 'representative', 'id', 'người đại diện hộ gia đình (họ tên, số định danh, điện thoại, địa chỉ) trong sổ hộ của thôn, tổ dân phố'),
  jsonBox('consultationRespondents', 'details', 'id', 'người góp ý do cán bộ nhập thay hoặc ghi tại hội nghị (họ tên, số định danh, điện thoại)'),
  jsonBox('federationOwnKeys', 'privateKeys', 'kid', 'khóa riêng liên thông của hệ thống này (ký gói tin Ed25519, mở danh tính niêm phong X25519)'),
] as const;

/** The TypeScript names of the listed stores (the test compares them with `SealedInSchema`). */
export type ListedSealed = (typeof LISTED)[number]['ref'];

export const SEALED_STORES: readonly SealedStore[] = LISTED.map((l) => l.store);
