import type { GeneratedDocument } from "./generate";

const TITLES: Record<string, string> = {
  AADHAAR: "Aadhaar (sample)",
  PAN: "Permanent Account Number Card (sample)",
  DRIVING_LICENSE: "Driving Licence (sample)",
  VOTER_ID: "Elector Photo Identity Card (sample)",
  PASSPORT: "Passport (sample)",
  GST_CERT: "GST Registration Certificate (sample)",
  UDYAM_CERT: "Udyam Registration Certificate (sample)",
  SHOP_ACT_LICENSE: "Shop & Establishment Licence (sample)",
  FSSAI: "FSSAI Registration (sample)",
  INVOICE: "Tax Invoice (sample)",
  DELIVERY_ORDER: "Delivery Order (sample)",
  BANK_STATEMENT: "Bank Account Statement (sample)",
};

// Not printed on a real document: derived by Atlas or metadata about the image.
const NOT_PRINTED = new Set(["document_type", "formatted_address", "document_quality_flag"]);

const escapeXml = (s: string) =>
  s.replace(
    /[<>&'"]/g,
    (c) => ({ "<": "&lt;", ">": "&gt;", "&": "&amp;", "'": "&apos;", '"': "&quot;" })[c]!,
  );

const label = (key: string) => key.replace(/_/g, " ").replace(/\b\w/g, (c) => c.toUpperCase());

function text(x: number, y: number, content: string, attrs = ""): string {
  return `<text x="${x}" y="${y}" ${attrs}>${escapeXml(content)}</text>`;
}

/** Words into lines of at most `width` characters (a longer word stays whole). */
function wrap(value: string, width: number): string[] {
  const lines: string[] = [];
  let line = "";
  for (const word of value.split(" ")) {
    if (line && line.length + 1 + word.length > width) {
      lines.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  return [...lines, line];
}

/** Lines of the card body: one per scalar field, a small table per array-of-rows field. */
function cardBody(fileData: Record<string, unknown>): { lines: string[]; bottom: number } {
  const lines: string[] = [];
  let y = 120;
  for (const [key, field] of Object.entries(fileData)) {
    if (NOT_PRINTED.has(key) || typeof field !== "object" || field === null || !("value" in field)) continue;
    const value = field.value;
    if (Array.isArray(value)) {
      lines.push(text(32, y, label(key), 'font-weight="bold"'));
      y += 24;
      const columns = Object.keys((value[0] as Record<string, unknown> | undefined) ?? {});
      const width = Math.floor(720 / Math.max(1, columns.length));
      columns.forEach((c, i) => lines.push(text(40 + i * width, y, label(c), 'font-size="12" fill="#555"')));
      for (const row of value as Array<Record<string, unknown>>) {
        y += 20;
        columns.forEach((c, i) =>
          lines.push(text(40 + i * width, y, String(row[c] ?? ""), 'font-size="12"')),
        );
      }
      y += 30;
      continue;
    }
    lines.push(text(32, y, label(key), 'font-size="13" fill="#555"'));
    // Long values (addresses) wrap inside the card instead of running off its edge.
    const wrapped = wrap(String(value), 52);
    wrapped.forEach((line, i) => lines.push(text(260, y + i * 22, line, 'font-size="16" font-weight="600"')));
    y += 30 + (wrapped.length - 1) * 22;
  }
  return { lines, bottom: y };
}

/** An SVG "scan" whose printed values are exactly the values the extraction returns. */
export function renderDocumentSvg(doc: GeneratedDocument, options: { masked?: boolean } = {}): string {
  const isError = doc.documentType === "UNRECOGNISED" || doc.documentType === "INVALID_DOC";
  const body = isError ? { lines: [], bottom: 0 } : cardBody(doc.fileData);
  const height = Math.max(360, body.bottom + 20);
  const content = isError
    ? [
        `<rect x="60" y="100" width="680" height="${height - 160}" fill="#ddd" filter="url(#blur)"/>`,
        text(
          400,
          height / 2,
          doc.documentType === "UNRECOGNISED" ? "(blurred, unreadable page)" : "(cropped, unusable document)",
          'text-anchor="middle" fill="#777" font-size="20"',
        ),
      ]
    : body.lines;
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="800" height="${height}" viewBox="0 0 800 ${height}" font-family="Arial, Helvetica, sans-serif">`,
    `<defs><filter id="blur"><feGaussianBlur stdDeviation="6"/></filter></defs>`,
    `<rect width="800" height="${height}" rx="18" fill="#fbfaf5" stroke="#b9b29c" stroke-width="2"/>`,
    `<rect width="800" height="72" rx="18" fill="#1f4e79"/>`,
    text(
      32,
      46,
      `${TITLES[doc.documentType] ?? "Document"}${options.masked ? " · masked copy" : ""}`,
      'fill="#fff" font-size="24" font-weight="bold"',
    ),
    text(768, 46, "SPECIMEN · Atlas simulator", 'fill="#cfe0f1" font-size="13" text-anchor="end"'),
    ...content,
    `</svg>`,
  ].join("\n");
}
