// Saves a CSV export as a file (browser download; in Electron the same anchor saves it).
import type { CsvExportView } from '../../../../electron/api/contract';

export function downloadCsv(file: CsvExportView): void {
  const blob = new Blob([file.csv], { type: 'text/csv;charset=utf-8' });
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = file.filename;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
