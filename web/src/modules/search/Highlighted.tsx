/** A snippet with its matched words in <mark>. */
export function Highlighted({ text, spans }: { text: string; spans: readonly (readonly number[])[] }) {
  const parts: React.ReactNode[] = [];
  let at = 0;
  spans.forEach(([a, b], i) => {
    if (a === undefined || b === undefined || a < at) return;
    if (a > at) parts.push(text.slice(at, a));
    parts.push(<mark key={i}>{text.slice(a, b)}</mark>);
    at = b;
  });
  parts.push(text.slice(at));
  return <>{parts}</>;
}
