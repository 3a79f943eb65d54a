import { nice, ticks } from "d3-array";
import { useId } from "react";
import { useTranslation } from "react-i18next";
import { formatNumber } from "~/modules/i18n/format";
import { type ReportTable, cellText, formatPercent, isNumeric, planWording, targetName, targetUnit } from "~/modules/reports/report-tables";
import { type PhaseId, type TargetProgress, planTarget } from "~/modules/reports/targets";
import { localize } from "~/modules/content/content";

// Charts are plain SVG drawn on the server, so they read without JavaScript and print as vectors.
// d3-array gives the round domain and ticks (the arithmetic under d3-scale's linear scale, at a
// tenth of its weight in the browser); a bar's length is then a plain proportion; React draws. Geometry uses SVG attributes
// rather than style attributes, which the content security policy does not allow. Every chart
// names its numbers in text (aria-label here, a table beside it on the page): colour is never the
// only carrier of meaning.

const INK = "#1b1f24";
const MUTED = "#4a5560";
const GRID = "#dde1e5";
const TRACK = "#f4f6f8";
const BAR = "#0b4f8a";
const BAR_LIGHT = "#7fa7cc";
const FONT_SIZE = 14;

export type BarDatum = { key: string; label: string; value: number | null; valueText: string };

const pct = (value: number) => `${Math.round(value * 100) / 100}%`;

/**
 * Horizontal bars, one row per datum: the label and the value on a line above the bar, round ticks
 * underneath. Lengths are percentages of the chart's width and text stays at the page's size, so
 * the chart fills a phone or a desktop column without shrinking its words. `max` fixes the domain
 * (100 for a percentage); otherwise it is the largest value rounded up. Counts get whole-number ticks.
 * With `noDataNote`, rows without a value leave the drawing for one line of text under it.
 */
export function HorizontalBarChart({
  title,
  data: all,
  max,
  tickFormat = String,
  noDataNote,
  empty,
}: {
  title: string;
  data: readonly BarDatum[];
  max?: number;
  tickFormat?: (value: number) => string;
  noDataNote?: (labels: string) => string;
  /** Said instead of an empty drawing when there is nothing to draw. */
  empty: string;
}) {
  const data = noDataNote ? all.filter((d) => d.value !== null) : all;
  const missing = noDataNote ? all.filter((d) => d.value === null).map((d) => d.label) : [];
  const labelHeight = 20;
  const barHeight = 12;
  const rowGap = 10;
  const axisHeight = 22;
  const rowHeight = labelHeight + barHeight + rowGap;
  const height = data.length * rowHeight + axisHeight;
  const largest = Math.max(0, ...data.map((d) => d.value ?? 0));
  const [, top] = nice(0, max ?? (largest || 1), 4);
  /** A value as percent of the chart's width. */
  const x = (value: number) => (Math.min(value, top) / top) * 100;
  const counts = data.every((d) => d.value === null || Number.isInteger(d.value));
  const axis = ticks(0, top, 4).filter((tick) => !counts || Number.isInteger(tick));
  const lastTick = axis[axis.length - 1];
  const described = all.map((d) => `${d.label}: ${d.valueText}`).join("; ");
  if (!data.length) return <p className="field__hint">{empty}</p>;
  return (
    <>
      <svg width="100%" height={height} role="img" aria-label={`${title}. ${described}`} className="chart" fontSize={FONT_SIZE}>
        {axis.map((tick) => (
          <g key={tick}>
            <line x1={pct(x(tick))} x2={pct(x(tick))} y1={labelHeight} y2={height - axisHeight + 4} stroke={GRID} />
            <text
              x={pct(x(tick))}
              y={height - 6}
              textAnchor={tick === 0 ? "start" : tick === lastTick ? "end" : "middle"}
              fill={MUTED}
              fontSize={FONT_SIZE - 1}
            >
              {tickFormat(tick)}
            </text>
          </g>
        ))}
        {data.map((d, row) => {
          const rowTop = row * rowHeight;
          const width = d.value === null ? 0 : x(d.value);
          return (
            <g key={d.key}>
              <text x={0} y={rowTop + labelHeight - 6} fill={INK}>
                {d.label}
              </text>
              <text x="100%" y={rowTop + labelHeight - 6} fill={INK} fontWeight={600} textAnchor="end">
                {d.valueText}
              </text>
              <rect x={0} y={rowTop + labelHeight} width="100%" height={barHeight} fill={TRACK} />
              {/* A value above zero always shows a sliver, so "a few" never looks like "none". */}
              <rect x={0} y={rowTop + labelHeight} width={pct(d.value ? Math.max(width, 0.5) : 0)} height={barHeight} fill={BAR} />
            </g>
          );
        })}
      </svg>
      {missing.length > 0 && noDataNote ? <p className="field__hint">{noDataNote(missing.join(", "))}</p> : null}
    </>
  );
}

/**
 * A target's progress: earlier years of the phase in a light shade, the selected year in the dark
 * one, a tick at the target. Past 100 % the bar stops at the edge; the text says how far beyond.
 */
export function ProgressBar({
  label,
  count,
  yearCount,
  target,
}: {
  /** Says everything the bar shows, in words and numbers. */
  label: string;
  count: number;
  yearCount: number;
  target: number;
}) {
  const id = useId();
  const width = 400;
  const height = 18;
  const x = (value: number) => (Math.min(value, target) / target) * width;
  const before = Math.max(0, count - yearCount);
  return (
    <svg viewBox={`0 0 ${width} ${height}`} width="100%" height={height} role="img" aria-labelledby={id} preserveAspectRatio="none" className="progress-chart">
      <title id={id}>{label}</title>
      <rect width={width} height={height} fill={TRACK} stroke={GRID} />
      <rect width={x(before)} height={height} fill={BAR_LIGHT} />
      <rect x={x(before)} width={x(count) - x(before)} height={height} fill={BAR} />
      <line x1={width - 1} x2={width - 1} y1={0} y2={height} stroke={INK} strokeWidth={2} />
    </svg>
  );
}

/** A report table on the page; on a phone its rows stack, each value labelled by its column. */
export function DataTable({ table, headingLevel = 3, caption = "visible" }: { table: ReportTable; headingLevel?: 2 | 3; caption?: "visible" | "hidden" }) {
  const { i18n } = useTranslation("reports");
  const locale = i18n.language;
  const Heading = headingLevel === 2 ? "h2" : "h3";
  const last = table.rows.length - 1;
  return (
    <>
      {caption === "visible" ? <Heading>{table.title}</Heading> : null}
      {table.note ? <p className="field__hint">{table.note}</p> : null}
      {table.rows.length ? (
        <div className="table-wrap">
          <table className="table">
            <caption className="visually-hidden">{table.title}</caption>
            <thead>
              <tr>
                {table.columns.map((column) => (
                  <th scope="col" key={column.header}>
                    {column.header}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {table.rows.map((row, r) => (
                <tr key={r}>
                  {row.map((cell, i) => {
                    const column = table.columns[i]!;
                    const value = cellText(cell, column.kind, locale);
                    const content = table.totalRow && r === last ? <strong>{value}</strong> : value;
                    return i === 0 && !isNumeric(column.kind) ? (
                      <th scope="row" key={i}>
                        {content}
                      </th>
                    ) : (
                      <td key={i} data-label={column.header}>
                        {content}
                      </td>
                    );
                  })}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : (
        <div className="empty-state">
          <p>{table.empty ?? "—"}</p>
        </div>
      )}
    </>
  );
}

/**
 * Each target of a phase: its numbers and status in words, then the bar. The selected year's own
 * count shows only when the year belongs to the phase.
 */
export function TargetProgressList({
  progress,
  phaseId,
  year,
  headingLevel = 3,
}: {
  progress: readonly TargetProgress[];
  phaseId: PhaseId;
  year: number;
  headingLevel?: 3 | 4;
}) {
  const { t, i18n } = useTranslation("reports");
  const Heading = headingLevel === 4 ? "h4" : "h3";
  const locale = i18n.language;
  const number = (value: number) => formatNumber(value, locale);
  return (
    <ul className="plain-list stack">
      {progress.map((p) => {
        const phase = p.phases.find((ph) => ph.phaseId === phaseId)!;
        const yearCount = p.year.phaseId === phaseId ? p.year.count : 0;
        const target = planTarget(p.id);
        const values = {
          achieved: number(phase.count),
          target: number(phase.target),
          unit: targetUnit(p.id, locale),
          percent: formatPercent(phase.percent, locale),
          year,
          yearCount: number(yearCount),
        };
        const status = phase.met ? t("progress.met") : t("progress.notMet");
        const summary = p.year.phaseId === phaseId ? t("progress.summaryWithYear", values) : t("progress.summary", values);
        return (
          <li key={p.id} className="target">
            <Heading>{targetName(p.id, locale, phaseId)}</Heading>
            <p>
              <span className={`tag ${phase.met ? "tag--green" : "tag--amber"}`}>{phase.met ? `✓ ${status}` : status}</span> {summary}
            </p>
            <ProgressBar label={`${targetName(p.id, locale, phaseId)}: ${summary}. ${status}.`} count={phase.count} yearCount={yearCount} target={phase.target} />
            {target ? (
              <details>
                <summary>{t("progress.howCounted")}</summary>
                <p>
                  <strong>{t("progress.planSays")}</strong> {planWording(p.id, phaseId, locale)}
                </p>
                <p>{localize(target.counting, locale)}</p>
                {target.interpretation ? (
                  <p>
                    <strong>{t("progress.interpretation")}</strong> {localize(target.interpretation, locale)}
                  </p>
                ) : null}
              </details>
            ) : null}
          </li>
        );
      })}
    </ul>
  );
}
