import { countScale, labelledIndexes, type DayCount } from './chart';

const WIDTH = 720;
const HEIGHT = 240;
const LEFT = 44;
const BOTTOM = 28;
const TOP = 10;

/** Bars per day on a round count axis, in plain SVG (the console needs no chart library for this). */
export function BarChart({ series, label, emptyText }: { series: DayCount[]; label: string; emptyText: string }) {
  if (series.length === 0) return <p className="muted-text admin-chart-empty">{emptyText}</p>;
  const scale = countScale(series.map((d) => d.value));
  const plotHeight = HEIGHT - TOP - BOTTOM;
  const slot = (WIDTH - LEFT) / series.length;
  const barWidth = Math.max(1, slot * 0.7);
  const y = (value: number): number => TOP + plotHeight - (value / scale.max) * plotHeight;
  const labelled = labelledIndexes(series.length, 8);
  return (
    <figure className="admin-chart">
      <svg viewBox={`0 0 ${WIDTH} ${HEIGHT}`} role="img" aria-label={label}>
        {scale.ticks.map((tick) => (
          <g key={tick} className="admin-chart-grid">
            <line x1={LEFT} x2={WIDTH} y1={y(tick)} y2={y(tick)} />
            <text x={LEFT - 6} y={y(tick) + 4} textAnchor="end">{tick}</text>
          </g>
        ))}
        {series.map((d, i) => (
          <g key={d.day}>
            <rect className="admin-chart-bar" x={LEFT + i * slot + (slot - barWidth) / 2} y={y(d.value)} width={barWidth} height={Math.max(0, TOP + plotHeight - y(d.value))}>
              <title>{`${d.day}: ${d.value}`}</title>
            </rect>
            {labelled.has(i) && (
              <text className="admin-chart-label" x={LEFT + i * slot + slot / 2} y={HEIGHT - 8} textAnchor="middle">{d.day.slice(5)}</text>
            )}
          </g>
        ))}
      </svg>
      <table className="sr-only">
        <caption>{label}</caption>
        <tbody>
          {series.map((d) => (
            <tr key={d.day}><th scope="row">{d.day}</th><td>{d.value}</td></tr>
          ))}
        </tbody>
      </table>
    </figure>
  );
}
