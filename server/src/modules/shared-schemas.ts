/** Schemas shared by several modules' routes. */
import { Type } from 'typebox';

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
