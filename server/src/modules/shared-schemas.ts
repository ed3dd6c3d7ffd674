/** Schemas shared by several modules' routes. */
import { Type } from 'typebox';
import type { Static, TSchema } from 'typebox';

export const ErrorBody = Type.Object(
  {
    statusCode: Type.Integer(),
    error: Type.String(),
    message: Type.String({ description: 'Thông báo lỗi tiếng Việt (tiếng Anh với Accept-Language: en)' }),
    details: Type.Optional(Type.Unknown({ description: 'Lỗi theo từng trường: [{field, message}]' })),
  },
  { additionalProperties: true },
);

export const IsoDate = (description?: string) =>
  Type.String({ format: 'date', description: description ?? 'YYYY-MM-DD', examples: ['2026-07-15'] });

export const CaseKind = Type.Enum(['complaint', 'denunciation', 'feedback'], {
  description: 'complaint = khiếu nại, denunciation = tố cáo, feedback = kiến nghị, phản ánh',
});

/** `{ code, name }` of an agency, a village … */
export const CodeName = Type.Object({ code: Type.String(), name: Type.String() });

/** An instant: a Date row field is sent as its ISO string (as JSON.stringify would). */
export const DateTime = Type.Unsafe<Date | string>({ type: 'string', format: 'date-time' });

export const Nullable = <S extends TSchema>(schema: S) => Type.Union([schema, Type.Null()]);

/** An array in the answer (its static type is readonly, so constant tables and domain results fit unchanged). */
export const List = <S extends TSchema>(schema: S) => Type.Immutable(Type.Array(schema));

export const DayKind = Type.Enum(['holiday', 'day-off', 'workday', 'normal'], {
  description: 'holiday = nghỉ lễ, tết; day-off = ngày nghỉ khác (nghỉ bù, hoán đổi); workday = ngày làm bù (thứ Bảy/Chủ nhật đi làm); normal = ngày thường',
});

const SkippedDay = Type.Object({ date: Type.String(), reason: Type.String(), kind: DayKind });

/** A legal deadline as clock/deadlines.ts presentDeadline answers it. */
export const DeadlineBody = Type.Object({
  rule: Type.String(),
  version: Type.String({ description: 'Phiên bản quy tắc đang có hiệu lực vào ngày bắt đầu tính' }),
  from: Type.String(),
  due: Type.String({ description: 'Ngày hết hạn (hết 23:59:59 giờ Việt Nam ngày đó)' }),
  unit: Type.Enum(['calendar', 'working', 'month']),
  days: Type.Integer(),
  variant: Type.String(),
  extensionDays: Type.Integer(),
  extensions: List(Type.Integer()),
  suspendedDays: Type.Integer(),
  citation: Type.String(),
  verified: Type.Boolean({ description: 'false = căn cứ chưa đối chiếu văn bản gốc' }),
  skipped: List(SkippedDay),
  countedSwapDays: List(Type.String()),
  rolledOver: Type.Union([Type.Object({ from: Type.String(), to: Type.String(), reason: Type.String() }), Type.Null()]),
  explanation: Type.String(),
});

/** T with `never` for every property, at any depth, that the schema's static type S does not declare. */
type Declared<T, S> = T extends Date
  ? T
  : T extends readonly (infer E)[]
    ? readonly Declared<E, S extends readonly (infer SE)[] ? SE : never>[]
    : T extends object
      ? { [K in keyof T]: K extends keyof NonNullable<S> ? Declared<T[K], NonNullable<S>[K]> : never }
      : T;

/**
 * A handler's answer checked at compile time against its response schema in both directions: it fits the schema
 * (the type provider checks that too) and carries no property the schema lacks — fast-json-stringify would drop
 * that property silently, so a field added to a use case without its schema fails the type check instead.
 */
export function exact<S extends TSchema, T extends Static<S>>(_schema: S, value: T & Declared<T, Static<S>>): T {
  return value;
}
