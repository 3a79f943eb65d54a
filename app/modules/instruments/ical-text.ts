// Text that reaches an iCalendar feed (RFC 5545). A CR or LF in a value would end the property
// and start a new one ("BEGIN:VEVENT" in a business name), so nothing goes out raw.

// C0 controls, DEL and C1 controls; line breaks handled apart where a value may have lines.
// eslint-disable-next-line no-control-regex -- control characters are exactly what is matched
const CONTROL = /[\u0000-\u001f\u007f-\u009f]+/g;
// eslint-disable-next-line no-control-regex -- as above, without CR and LF
const CONTROL_BUT_LINE_BREAKS = /[\u0000-\u0009\u000b\u000c\u000e-\u001f\u007f-\u009f]+/g;

/** One line of text: every run of control characters (CR and LF included) becomes one space. */
export function singleLine(value: string): string {
  return value.replace(CONTROL, " ").trim();
}

/** Text that may keep its line breaks (as "\n"); every other control character becomes a space. */
export function multiLine(value: string): string {
  return value.replace(/\r\n?/g, "\n").replace(CONTROL_BUT_LINE_BREAKS, " ");
}

/**
 * A TEXT value escaped as RFC 5545 §3.3.11 asks (backslash, semicolon, comma; a line break as
 * "\n"), for the properties ical-generator writes as given: the calendar's NAME / X-WR-CALNAME
 * and X-WR-CALDESC. Event properties (SUMMARY, DESCRIPTION, LOCATION) it escapes itself; they get
 * singleLine / multiLine only, or they would be escaped twice.
 */
export function escapedText(value: string): string {
  return multiLine(value)
    .replace(/[\\;,]/g, (c) => `\\${c}`)
    .replace(/\n/g, "\\n");
}
