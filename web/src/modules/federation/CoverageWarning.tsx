/**
 * The period report's warning when parts of its subtree run on other DânVận instances and their figures are not
 * (all) in it (getPeriodReport → notCovered; server/src/modules/federation/coverage.ts, ADR 0020): never silent.
 */
import { Alert } from 'antd';
import type { Ok } from '../../api/types.ts';
import { formatDate, formatDateTime } from '../../ui/format.ts';
import { useFD } from './i18n.ts';

type Gap = Ok<'getPeriodReport'>['notCovered'][number];

export function CoverageWarning({ gaps }: { gaps: readonly Gap[] | undefined }) {
  const { fd } = useFD();
  if (!gaps?.length) return null;
  const line = (g: Gap) => {
    const who = fd('fd.gapWho', { name: g.instanceName, id: g.instance, agencies: g.agencies.map((a) => a.name).join(', ') });
    if (g.reason === 'custom-range')
      return `${who}: ${fd('fd.gapCustom', g.coveringRange ? { from: formatDate(g.coveringRange.from), to: formatDate(g.coveringRange.to) } : { from: '—', to: '—' })}`;
    if (g.reason === 'no-snapshot') return `${who}: ${fd('fd.gapNoSnapshot')}`;
    return `${who}: ${fd('fd.gapOld', { asOf: formatDateTime(g.asOf) })}`;
  };
  return (
    <Alert
      type="warning"
      showIcon
      data-testid="report-not-covered"
      style={{ marginBottom: 16 }}
      title={fd('fd.gapTitle')}
      description={
        <ul style={{ margin: 0, paddingLeft: 20 }}>
          {gaps.map((g) => (
            <li key={g.instance}>{line(g)}</li>
          ))}
        </ul>
      }
    />
  );
}
