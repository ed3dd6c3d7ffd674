/** The dashboard's response schema (getReportDashboard): every field computeDashboard and the report sections answer. */
import { Type } from 'typebox';
import { CodeName, List, Nullable } from '../shared-schemas.ts';
import { DialogueFigures } from '../dialogues/schemas.ts';

const Str = Type.String();
const Num = Type.Number();
const AgencyRef = Type.Object({ code: Str, name: Str, level: Str });

/** A section another module contributes (reports/sections.ts ReportSection): the scope first, then its units. */
const ReportSection = Type.Object({
  key: Str,
  title: Str,
  columns: List(Type.Object({ key: Str, label: Str })),
  rows: List(Type.Object({ code: Str, name: Str, values: Type.Record(Type.String(), Num) })),
});

// (in computeDashboard's key order: fast-json-stringify writes the keys in the schema's order)
export const Dashboard = Type.Object({
  /** Dialogues and commitments of the subtree (issue 14). */
  dialogues: DialogueFigures,
  agency: CodeName,
  from: Str,
  to: Str,
  asOf: Str,
  byMonth: List(Type.Object({ month: Str, visits: Num, received: Num, resolved: Num })),
  byKind: List(Type.Object({ kind: Str, label: Str, received: Num })),
  byField: List(Type.Object({ field: Str, label: Str, received: Num })),
  onTime: Type.Object({ resolved: Num, onTime: Num, late: Num, rate: Nullable(Num) }),
  overdue: Type.Object({ total: Num, open: Num, byAgency: List(Type.Object({ agency: AgencyRef, open: Num, overdue: Num })) }),
  compliance: Type.Object({
    compliant: Type.Boolean(),
    total: Num,
    flagged: Num,
    worst: List(Type.Object({ agencyCode: Str, agencyName: Str, required: Num, countedDays: Num, flags: List(Str) })),
  }),
  ranking: Type.Object({
    level: Str,
    items: List(
      Type.Object({ rank: Num, agency: AgencyRef, visits: Num, cases: Num, withinJurisdiction: Num, resolved: Num, resolutionRate: Num, onTimeRate: Nullable(Num), overdue: Num }),
    ),
  }),
  /** Sections other modules contribute («Dân vận khéo» …). */
  sections: List(ReportSection),
});
