// `npm run --silent cli -- receipt --case FILE --out FILE [--format pdf|escpos58|escpos80]
//  [--paper A5|A4] [--offline] [--reprint N]`: settles a case file (the format of `settle --case`)
// for a demo institution and patient and writes its receipt: a PDF (Chromium) or the thermal
// receipt's raw ESC/POS bytes. Prints {"out","format","receiptNo",...} as one JSON line.
// Exit 0 written; 2 bad input or usage; 1 when the PDF could not be rendered.
import path from 'node:path';
import { intFlag, parseArgs, printJsonLine, requireFlag, stringFlag, UsageError, type FlagSpec } from './args';
import { receiptFromCaseFile } from '../print/case-receipt';
import { DEMO_CHECK_KEY, hmacSigner } from '../print/check';
import { renderReceiptHtml } from '../print/html';
import { renderReceiptEscPos } from '../print/escpos/receipt';
import { ChromiumPdfRenderer } from '../print/pdf-chromium';
import { writeAtomically } from '../print/archive';

export const summary = 'settle a case file and write its receipt: --case FILE --out FILE [--format pdf|escpos58|escpos80]';
export const flags: FlagSpec = { strings: ['case', 'out', 'format', 'paper', 'reprint'], booleans: ['offline'] };

const FORMATS = ['pdf', 'escpos58', 'escpos80'] as const;
type Format = (typeof FORMATS)[number];

export async function run(argv: string[]): Promise<number> {
  const args = parseArgs(argv, flags);
  const caseFile = requireFlag(args, 'case');
  const out = path.resolve(requireFlag(args, 'out'));
  const format = (stringFlag(args, 'format') ?? 'pdf') as Format;
  if (!FORMATS.includes(format)) throw new UsageError(`--format must be one of ${FORMATS.join(', ')}`);
  const paper = stringFlag(args, 'paper') ?? 'A5';
  if (paper !== 'A5' && paper !== 'A4') throw new UsageError('--paper must be A5 or A4');
  const reprintNo = intFlag(args, 'reprint', 0);
  const built = receiptFromCaseFile(caseFile, { sign: hmacSigner(DEMO_CHECK_KEY), offline: args.flags.has('offline') });
  if (!built.ok) {
    process.stderr.write(`receipt: ${built.error.message}\n${built.error.detail ? `  ${built.error.detail}\n` : ''}`);
    return 2;
  }
  const receipt = built.value;
  let bytes: Buffer;
  if (format === 'pdf') {
    const renderer = new ChromiumPdfRenderer();
    try {
      bytes = await renderer.pdf(renderReceiptHtml(receipt, { paper, reprintNo }), paper);
    } catch (err) {
      process.stderr.write(`receipt: 无法生成 PDF：${(err as Error).message}\n`);
      return 1;
    } finally {
      await renderer.close();
    }
  } else {
    bytes = renderReceiptEscPos(receipt, { paper: format, reprintNo });
  }
  writeAtomically(out, bytes);
  printJsonLine({
    out, format, bytes: bytes.length, receiptNo: receipt.receiptNo, settlementId: receipt.settlementId,
    layers: Object.fromEntries(receipt.layers.map((l) => [l.key, l.amount])), cash: receipt.cashPaid, check: receipt.qr.check,
  });
  return 0;
}
