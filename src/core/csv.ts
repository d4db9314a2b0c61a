/** CSV for exports (RFC 4180 quoting), with spreadsheet formula injection defused. */

function cell(value: string | number | undefined): string {
  let text = value === undefined ? '' : String(value);
  // A cell starting with = + - @ (or tab/CR) is run as a formula by spreadsheets: prefix a quote.
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function csvLine(values: readonly (string | number | undefined)[]): string {
  return values.map(cell).join(',');
}

export function toCsv(header: readonly string[], rows: readonly (readonly (string | number | undefined)[])[]): string {
  return [csvLine(header), ...rows.map(csvLine)].join('\r\n') + '\r\n';
}
