import { planTargets, phaseYears } from "./targets";

/** The plan's first year: nothing the portal can report comes before it. */
export const FIRST_REPORT_YEAR = Math.min(...planTargets.phases.map((phase) => phaseYears(phase).from));

/** The years a picker offers, newest first: the plan's first year to this year. */
export function reportYears(today: string): number[] {
  const thisYear = Number(today.slice(0, 4));
  const years: number[] = [];
  for (let year = thisYear; year >= FIRST_REPORT_YEAR; year--) years.push(year);
  return years;
}

/** `?year=` as a year the portal can report on; anything else is this year (the page then says which). */
export function parseReportYear(param: string | null, today: string): number {
  const thisYear = Number(today.slice(0, 4));
  if (!param || !/^\d{4}$/.test(param)) return thisYear;
  const year = Number(param);
  return year >= FIRST_REPORT_YEAR && year <= thisYear ? year : thisYear;
}
