/**
 * Small dependency-free bar charts for the dashboard: grouped vertical bars (volume by month) and horizontal
 * bars (by type, by field). Numbers are written on the bars in the Vietnamese format; each chart has a text
 * title and an accessible table-like description so a screen reader gets the same figures.
 */
import { formatCount } from '../../ui/format.ts';

export interface Series {
  label: string;
  color: string;
  values: number[];
}

export function GroupedBars({ categories, series, title, height = 180, testId }: { categories: string[]; series: Series[]; title: string; height?: number; testId?: string }) {
  const max = Math.max(1, ...series.flatMap((s) => s.values));
  const desc = categories.map((c, i) => `${c}: ${series.map((s) => `${s.label} ${formatCount(s.values[i] ?? 0)}`).join(', ')}`).join('; ');
  return (
    <figure style={{ margin: 0 }} data-testid={testId}>
      <div role="img" aria-label={`${title}. ${desc}`} style={{ display: 'flex', alignItems: 'flex-end', gap: 12, height, borderBottom: '1px solid #d9d9d9' }}>
        {categories.map((c, i) => (
          <div key={c} style={{ flex: 1, display: 'flex', alignItems: 'flex-end', justifyContent: 'center', gap: 3, height: '100%' }}>
            {series.map((s) => {
              const v = s.values[i] ?? 0;
              return <div key={s.label} title={`${s.label}: ${formatCount(v)}`} style={{ width: `${70 / series.length}%`, height: `${(v / max) * 100}%`, minHeight: v ? 2 : 0, background: s.color, borderRadius: '2px 2px 0 0' }} />;
            })}
          </div>
        ))}
      </div>
      <div aria-hidden style={{ display: 'flex', gap: 12, fontSize: 12 }}>
        {categories.map((c, i) => (
          <div key={c} style={{ flex: 1, textAlign: 'center' }}>
            <div style={{ fontVariantNumeric: 'tabular-nums' }}>{series.map((s) => formatCount(s.values[i] ?? 0)).join(' · ')}</div>
            <div style={{ color: 'rgba(0,0,0,0.65)' }}>{c}</div>
          </div>
        ))}
      </div>
      <figcaption style={{ display: 'flex', gap: 16, flexWrap: 'wrap', fontSize: 12, marginTop: 8 }}>
        {series.map((s) => (
          <span key={s.label}>
            <span aria-hidden style={{ display: 'inline-block', width: 10, height: 10, background: s.color, marginRight: 6 }} />
            {s.label}
          </span>
        ))}
      </figcaption>
    </figure>
  );
}

export function HorizontalBars({ items, color = '#0b57a4', testId }: { items: { label: string; value: number }[]; color?: string; testId?: string }) {
  const max = Math.max(1, ...items.map((i) => i.value));
  return (
    <div data-testid={testId}>
      {items.map((i) => (
        <div key={i.label} style={{ display: 'flex', alignItems: 'center', gap: 8, marginBottom: 6 }}>
          <div style={{ width: 170, flex: 'none', fontSize: 13 }}>{i.label}</div>
          <div style={{ flex: 1, background: '#f0f0f0', height: 16, borderRadius: 3 }} aria-hidden>
            <div style={{ width: `${(i.value / max) * 100}%`, background: color, height: 16, borderRadius: 3 }} />
          </div>
          <div style={{ width: 64, textAlign: 'right', fontVariantNumeric: 'tabular-nums' }}>{formatCount(i.value)}</div>
        </div>
      ))}
    </div>
  );
}
