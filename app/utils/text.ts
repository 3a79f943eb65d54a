// C0 controls (tab, CR and LF included), DEL and C1 controls. A name with a line break breaks
// every format that is line-based: iCalendar feeds, mail headers, CSV cells.
// eslint-disable-next-line no-control-regex -- control characters are exactly what is matched
const CONTROL_CHARACTER = /[\u0000-\u001f\u007f-\u009f]/;

export function hasControlCharacters(value: string): boolean {
  return CONTROL_CHARACTER.test(value);
}
