/**
 * A generated report in the formats FortiAnalyzer offers: PDF (a small, valid PDF 1.4 document with
 * text tables), HTML, CSV (one file per chart, as FortiAnalyzer's CSV output) and XML.
 */
import type { ZipEntry } from './zip.js';

export interface ReportSection {
  readonly title: string;
  readonly columns: readonly string[];
  readonly rows: ReadonlyArray<ReadonlyArray<string | number>>;
}

export interface ReportContent {
  readonly title: string;
  /** `yyyy-MM-dd HH:mm:ss` bounds in `zone`. */
  readonly periodStart: string;
  readonly periodEnd: string;
  readonly zone: string;
  readonly generated: string;
  readonly sections: readonly ReportSection[];
  /** Set when the figures were estimated from a sample of the logs. */
  readonly note?: string;
}

export const REPORT_FORMATS = ['PDF', 'HTML', 'CSV', 'XML'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

/** The files of a report in one format, named after `base`. */
export function renderReport(content: ReportContent, format: ReportFormat, base: string): ZipEntry[] {
  switch (format) {
    case 'PDF':
      return [{ name: `${base}.pdf`, data: pdf(content) }];
    case 'HTML':
      return [{ name: `${base}.html`, data: Buffer.from(html(content), 'utf8') }];
    case 'XML':
      return [{ name: `${base}.xml`, data: Buffer.from(xml(content), 'utf8') }];
    case 'CSV':
      return content.sections.map((section, i) => ({
        name: `${base}-${String(i + 1).padStart(2, '0')}-${slug(section.title)}.csv`,
        data: Buffer.from(csv(section), 'utf8'),
      }));
  }
}

/** A file-name friendly form of a title. */
export function slug(title: string): string {
  return title.replace(/[^A-Za-z0-9]+/g, '_').replace(/^_|_$/g, '');
}

function heading(content: ReportContent): string[] {
  const lines = [
    content.title,
    `Period: ${content.periodStart} - ${content.periodEnd} (${content.zone})`,
    `Generated: ${content.generated}`,
  ];
  if (content.note) lines.push(content.note);
  return lines;
}

function csv(section: ReportSection): string {
  const cell = (value: string | number) => {
    const text = String(value);
    return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
  };
  return [section.columns, ...section.rows].map((row) => row.map(cell).join(',')).join('\r\n') + '\r\n';
}

function escapeMarkup(text: string | number): string {
  return String(text).replace(/[<>&"]/g, (c) => `&#${c.charCodeAt(0)};`);
}

function html(content: ReportContent): string {
  const [title, ...info] = heading(content);
  const sections = content.sections.map(
    (s) =>
      `<h2>${escapeMarkup(s.title)}</h2>\n<table>\n<tr>${s.columns.map((c) => `<th>${escapeMarkup(c)}</th>`).join('')}</tr>\n` +
      s.rows.map((r) => `<tr>${r.map((v) => `<td>${escapeMarkup(v)}</td>`).join('')}</tr>`).join('\n') +
      '\n</table>',
  );
  return (
    `<!DOCTYPE html>\n<html><head><meta charset="utf-8"><title>${escapeMarkup(title!)}</title></head><body>\n` +
    `<h1>${escapeMarkup(title!)}</h1>\n${info.map((line) => `<p>${escapeMarkup(line)}</p>`).join('\n')}\n` +
    `${sections.join('\n')}\n</body></html>\n`
  );
}

function xml(content: ReportContent): string {
  const sections = content.sections.map(
    (s) =>
      `  <chart title="${escapeMarkup(s.title)}">\n` +
      s.rows
        .map(
          (r) =>
            `    <row>${r.map((v, i) => `<${tag(s.columns[i]!)}>${escapeMarkup(v)}</${tag(s.columns[i]!)}>`).join('')}</row>`,
        )
        .join('\n') +
      '\n  </chart>',
  );
  return (
    `<?xml version="1.0" encoding="UTF-8"?>\n<report title="${escapeMarkup(content.title)}" ` +
    `period-start="${content.periodStart}" period-end="${content.periodEnd}" timezone="${escapeMarkup(content.zone)}">\n` +
    `${sections.join('\n')}\n</report>\n`
  );
}

function tag(column: string): string {
  return column.toLowerCase().replace(/[^a-z0-9]+/g, '_');
}

const LINES_PER_PAGE = 56;

/** A PDF 1.4 document: Helvetica text, one line per table row, 56 lines per A4 page. */
function pdf(content: ReportContent): Buffer {
  const lines: Array<{ text: string; size: number }> = heading(content).map((text, i) => ({
    text,
    size: i === 0 ? 16 : 10,
  }));
  for (const section of content.sections) {
    lines.push({ text: '', size: 10 }, { text: section.title, size: 13 });
    lines.push({ text: section.columns.join(' | '), size: 9 });
    for (const row of section.rows) lines.push({ text: row.join(' | '), size: 9 });
  }
  const pages: Array<typeof lines> = [];
  for (let i = 0; i < lines.length; i += LINES_PER_PAGE) pages.push(lines.slice(i, i + LINES_PER_PAGE));

  // Objects: 1 catalog, 2 page tree, 3 font, then a page and its content stream per page.
  const objects: string[] = [];
  const kids = pages.map((_, i) => `${4 + i * 2} 0 R`).join(' ');
  objects.push('<< /Type /Catalog /Pages 2 0 R >>');
  objects.push(`<< /Type /Pages /Kids [${kids}] /Count ${pages.length} >>`);
  objects.push('<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>');
  for (const [i, page] of pages.entries()) {
    let y = 800;
    const text = page
      .map((line) => {
        const out = `BT /F1 ${line.size} Tf 40 ${y} Td (${pdfText(line.text)}) Tj ET`;
        y -= line.size + 4;
        return out;
      })
      .join('\n');
    objects.push(
      `<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 3 0 R >> >> /Contents ${5 + i * 2} 0 R >>`,
    );
    objects.push(`<< /Length ${Buffer.byteLength(text, 'latin1')} >>\nstream\n${text}\nendstream`);
  }
  let body = '%PDF-1.4\n';
  const offsets: number[] = [];
  for (const [i, object] of objects.entries()) {
    offsets.push(Buffer.byteLength(body, 'latin1'));
    body += `${i + 1} 0 obj\n${object}\nendobj\n`;
  }
  const xref = Buffer.byteLength(body, 'latin1');
  body += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const offset of offsets) body += `${String(offset).padStart(10, '0')} 00000 n \n`;
  body += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(body, 'latin1');
}

function pdfText(text: string): string {
  return text.replace(/[^\x20-\x7e]/g, '?').replace(/[()\\]/g, (c) => `\\${c}`);
}
