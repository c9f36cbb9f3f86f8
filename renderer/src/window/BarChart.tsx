// A small horizontal bar chart in SVG (no chart library): one bar per row, amounts right-aligned.
import { yuan } from '../format';
import { toFen } from './fen';

export function BarChart(props: { rows: { label: string; amount: string }[]; title: string }) {
  const rows = props.rows;
  const max = rows.reduce((m, r) => {
    const f = toFen(r.amount.replace('-', '')) ?? 0n;
    return f > m ? f : m;
  }, 1n);
  const rowH = 26;
  const labelW = 150;
  const barW = 330;
  const h = rows.length * rowH + 10;
  return (
    <svg className="chart" viewBox={`0 0 ${labelW + barW + 110} ${h}`} role="img" aria-label={props.title}>
      {rows.map((r, i) => {
        const f = toFen(r.amount.replace('-', '')) ?? 0n;
        const w = Number((f * BigInt(barW)) / max);
        const y = 5 + i * rowH;
        return (
          <g key={r.label}>
            <text x={labelW - 8} y={y + 16} textAnchor="end">{r.label}</text>
            <rect x={labelW} y={y + 3} width={Math.max(w, f > 0n ? 2 : 0)} height={rowH - 8} fill="#0b5cad" rx="2" />
            <text x={labelW + barW + 104} y={y + 16} textAnchor="end">{yuan(r.amount)}</text>
          </g>
        );
      })}
    </svg>
  );
}
