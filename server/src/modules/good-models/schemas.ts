/** TypeBox schemas of the good-models routes. */
import { Type } from 'typebox';

export const ModelKindT = Type.Enum(['model', 'exemplar'], { description: 'model = mô hình (tập thể), exemplar = điển hình (cá nhân)' });
export const ModelStatusT = Type.Enum(['registered', 'self-assessed', 'assessed', 'recognized', 'returned']);
export const RefTypeT = Type.Enum(['case', 'dialogue', 'commitment', 'consultation', 'vote'], {
  description: 'Loại hồ sơ DânVận được liên kết: case = vụ việc đã giải quyết; dialogue, commitment, consultation, vote khi có phân hệ tương ứng',
});
const Label = Type.String({ minLength: 1, maxLength: 300 });
const Keyed = Type.Object({ key: Type.Optional(Type.String({ minLength: 1, maxLength: 60, pattern: '^[a-z0-9-]+$' })), label: Label });
const CriterionOut = Type.Object({ key: Type.String(), label: Type.String() });
const LevelOut = Type.Object({ key: Type.String(), label: Type.String(), minPercent: Type.Number() });

export const CampaignBody = Type.Object({
  agency: Type.String({ minLength: 1, maxLength: 20, description: 'Mã cơ quan phát động (tỉnh, bộ, …)' }),
  title: Type.String({ minLength: 1, maxLength: 300 }),
  periodKind: Type.Enum(['year', 'review'], { description: 'year = hằng năm; review = tổng kết giai đoạn (tối đa 5 năm)' }),
  fromYear: Type.Integer({ minimum: 2009, maximum: 2100 }),
  toYear: Type.Optional(Type.Integer({ minimum: 2009, maximum: 2100 })),
  criteria: Type.Optional(
    Type.Object(
      { model: Type.Optional(Type.Array(Keyed, { minItems: 1, maxItems: 30 })), exemplar: Type.Optional(Type.Array(Keyed, { minItems: 1, maxItems: 30 })) },
      { description: 'Tiêu chí theo loại (mặc định: tiêu chí Đà Lạt, ghi rõ là mặc định)' },
    ),
  ),
  fields: Type.Optional(Type.Array(Keyed, { minItems: 1, maxItems: 20, description: 'Lĩnh vực (mặc định 5 lĩnh vực)' })),
  levels: Type.Optional(
    Type.Array(Type.Object({ key: Type.Optional(Type.String({ minLength: 1, maxLength: 60, pattern: '^[a-z0-9-]+$' })), label: Label, minPercent: Type.Number({ minimum: 0, maximum: 100 }) }), {
      minItems: 1,
      maxItems: 10,
      description: 'Mức công nhận và ngưỡng % điểm tối đa',
    }),
  ),
  scaleMax: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, description: 'Điểm tối đa mỗi tiêu chí (mặc định 10)' })),
});

export const CampaignOut = Type.Object({
  id: Type.String(),
  agency: Type.Object({ code: Type.String(), name: Type.String() }),
  periodKind: Type.Enum(['year', 'review']),
  fromYear: Type.Integer(),
  toYear: Type.Integer(),
  title: Type.String(),
  criteria: Type.Object({ model: Type.Array(CriterionOut), exemplar: Type.Array(CriterionOut) }),
  fields: Type.Array(CriterionOut),
  levels: Type.Array(LevelOut),
  scaleMax: Type.Integer(),
  createdAt: Type.String(),
});

export const ScoreT = Type.Object({
  criterion: Type.String({ minLength: 1, maxLength: 60 }),
  score: Type.Number(),
  comment: Type.Optional(Type.String({ maxLength: 2000 })),
});

export const ModelOut = Type.Object({
  id: Type.String(),
  campaignId: Type.String(),
  campaignTitle: Type.String(),
  agency: Type.Object({ code: Type.String(), name: Type.String() }),
  kind: ModelKindT,
  kindLabel: Type.String(),
  field: Type.String(),
  fieldLabel: Type.String(),
  year: Type.Integer(),
  title: Type.String(),
  story: Type.String(),
  status: ModelStatusT,
  statusLabel: Type.String(),
  selfScores: Type.Union([Type.Array(ScoreT), Type.Null()]),
  level: Type.Union([Type.String(), Type.Null()]),
  levelLabel: Type.Union([Type.String(), Type.Null()]),
  recognizedOn: Type.Union([Type.String(), Type.Null()]),
  returnReasons: Type.Union([Type.String(), Type.Null()]),
  replicatedFromId: Type.Union([Type.String(), Type.Null()]),
  createdAt: Type.String(),
  updatedAt: Type.String(),
});

export const EvidenceOut = Type.Object({
  id: Type.String(),
  title: Type.String(),
  kind: Type.Enum(['file', 'photo', 'record']),
  fileName: Type.Union([Type.String(), Type.Null()]),
  contentType: Type.Union([Type.String(), Type.Null()]),
  sizeBytes: Type.Union([Type.Integer(), Type.Null()]),
  hasPublicCopy: Type.Boolean(),
  ref: Type.Union([Type.Object({ type: Type.String(), id: Type.String(), label: Type.String() }), Type.Null()]),
  createdAt: Type.String(),
});

export const FiguresT = Type.Object({
  registered: Type.Integer(),
  recognized: Type.Integer(),
  new: Type.Integer(),
  replicated: Type.Integer(),
  maintained: Type.Integer(),
  notMaintained: Type.Integer(),
  unchecked: Type.Integer(),
});

export const PublicModelOut = Type.Object({
  id: Type.String(),
  title: Type.String(),
  kind: ModelKindT,
  kindLabel: Type.String(),
  field: Type.String(),
  fieldLabel: Type.String(),
  year: Type.Integer(),
  agency: Type.Object({ code: Type.String(), name: Type.String() }),
  province: Type.String(),
  campaign: Type.String(),
  level: Type.String(),
  levelLabel: Type.String(),
  recognizedOn: Type.String(),
  replicatedFromId: Type.Union([Type.String(), Type.Null()]),
  excerpt: Type.String(),
});

/** A commendation of a recognised model (form or level, decision number and date, signer). */
export const AwardOut = Type.Object({ id: Type.String(), level: Type.String(), decisionNo: Type.String(), decidedOn: Type.String(), decidedOnText: Type.String(), signer: Type.String() });

export const PublicModelDetail = Type.Intersect([
  PublicModelOut,
  Type.Object({
    story: Type.String(),
    photos: Type.Array(Type.Object({ id: Type.String(), title: Type.String(), url: Type.String() })),
    outcomes: Type.Array(Type.Object({ type: Type.String(), label: Type.String(), title: Type.String() })),
    checks: Type.Array(Type.Object({ year: Type.Integer(), maintained: Type.Boolean() })),
    replications: Type.Array(Type.Object({ id: Type.Union([Type.String(), Type.Null()]), agency: Type.String(), year: Type.Integer(), recognized: Type.Boolean() })),
    origin: Type.Union([Type.Object({ id: Type.String(), title: Type.String(), agency: Type.String() }), Type.Null()]),
    awards: Type.Array(AwardOut),
  }),
]);

export const PublicQueryT = Type.Object({
  q: Type.Optional(Type.String({ maxLength: 200 })),
  province: Type.Optional(Type.String({ maxLength: 20, description: 'Mã tỉnh (hoặc mã cơ quan bất kỳ: cả cấp dưới)' })),
  field: Type.Optional(Type.String({ maxLength: 60 })),
  year: Type.Optional(Type.Integer({ minimum: 2009, maximum: 2100 })),
  kind: Type.Optional(ModelKindT),
});
