// Small PDFs written by hand for the tests: one page per entry, each filled with
// its own colour and labelled in Helvetica, with a correct cross-reference table
// (so a reader never has to repair it).

/** pages: [{ color: [r, g, b] in 0..1, text }]; returns the file's bytes. */
export function makePdf(pages, { width = 400, height = 300 } = {}) {
  const bodies = [null, null, '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>'];
  const pageRefs = [];
  for (const { color, text } of pages) {
    const esc = text.replace(/[\\()]/g, (c) => '\\' + c);
    const ops = `${color.join(' ')} rg 0 0 ${width} ${height} re f\n1 1 1 rg BT /F1 36 Tf 40 ${height / 2} Td (${esc}) Tj ET`;
    bodies.push(`<< /Length ${Buffer.byteLength(ops, 'latin1')} >>\nstream\n${ops}\nendstream`);
    const content = bodies.length;
    bodies.push(`<< /Type /Page /Parent 2 0 R /MediaBox [0 0 ${width} ${height}] /Resources << /Font << /F1 3 0 R >> >> /Contents ${content} 0 R >>`);
    pageRefs.push(`${bodies.length} 0 R`);
  }
  bodies[0] = '<< /Type /Catalog /Pages 2 0 R >>';
  bodies[1] = `<< /Type /Pages /Kids [${pageRefs.join(' ')}] /Count ${pageRefs.length} >>`;

  let pdf = '%PDF-1.4\n';
  const offsets = bodies.map((body, i) => {
    const offset = Buffer.byteLength(pdf, 'latin1');
    pdf += `${i + 1} 0 obj\n${body}\nendobj\n`;
    return offset;
  });
  const xref = Buffer.byteLength(pdf, 'latin1');
  pdf += `xref\n0 ${bodies.length + 1}\n0000000000 65535 f \n`;
  for (const o of offsets) pdf += `${String(o).padStart(10, '0')} 00000 n \n`;
  pdf += `trailer\n<< /Size ${bodies.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(pdf, 'latin1');
}
