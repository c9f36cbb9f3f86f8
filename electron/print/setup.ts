// The printer setup of this window (settings key `receipt.setup`): paper (A5 / A4 sheet, or 58 /
// 80 mm thermal), the system printer for sheets, the thermal printer's serial port or device
// path, preview on or off. Validated at the API boundary and again when read.
import type { SettingsRepo } from '../store/settings';
import { jsonObject } from '../store/stored-json';
import { bool, int, obj, oneOf, optional, str, v } from '../api/validate';
import { ok } from '../core/result';

export const PAPERS = ['A5', 'A4', 'escpos58', 'escpos80'] as const;
export type Paper = (typeof PAPERS)[number];

export interface PrinterSetup {
  paper: Paper;
  /** System printer name for A5/A4 (Electron); empty = the default printer. */
  printerName: string;
  /** Thermal printer: `serial` (a COM port / tty, via serialport) or `file` (a device or file path). */
  thermalKind: 'serial' | 'file';
  /** COM3, /dev/ttyUSB0, /dev/usb/lp0, \\.\COM3 ...; empty = not configured. */
  thermalPath: string;
  thermalBaud: number;
  /** Show the sheet and the print dialog instead of printing silently. */
  preview: boolean;
  /** Print the receipt right after a settlement (the window area reads this). */
  autoPrint: boolean;
  /**
   * Attach the detail list (费用明细清单: every fee line) on pages after the one-sheet receipt,
   * for HIS setups that hand patients an itemised bill. Off: the sheet's category table only.
   */
  detailList: boolean;
}

export const DEFAULT_SETUP: PrinterSetup = {
  paper: 'A5',
  printerName: '',
  thermalKind: 'serial',
  thermalPath: '',
  thermalBaud: 9600,
  preview: false,
  autoPrint: true,
  detailList: false,
};

const setupFields = obj({
  paper: oneOf(PAPERS),
  printerName: str({ max: 200 }),
  thermalKind: oneOf(['serial', 'file'] as const),
  thermalPath: str({ max: 500, pattern: /^[^\0\r\n]*$/ }),
  thermalBaud: int({ min: 1200, max: 921600 }),
  preview: bool(),
  autoPrint: bool(),
  detailList: optional(bool()),
});

/** The setup as the API takes it; a client that does not know the detail list leaves it off. */
export const setupInput = v.pipe(setupFields, v.transform((r): PrinterSetup => ({ ...r, detailList: r.detailList ?? false })));

const KEY = 'receipt.setup';

/** The stored setup over the defaults (a field added later takes its default), checked as the API checks it. */
const StoredSetupSchema = v.pipe(
  jsonObject(),
  v.transform((o): unknown => ({ ...DEFAULT_SETUP, ...o })),
  // The API's schema takes any value (its declared input is what it accepts, not what it can be given).
  setupInput as v.GenericSchema<unknown, PrinterSetup>,
);

/** The printer setup; a stored one that no longer checks out is refused (CorruptRowError), never swapped for the defaults unsaid. */
export function readSetup(settings: SettingsRepo): PrinterSetup {
  return settings.read(KEY, StoredSetupSchema) ?? DEFAULT_SETUP;
}

export function writeSetup(settings: SettingsRepo, setup: PrinterSetup): PrinterSetup {
  settings.set(KEY, setup);
  return setup;
}
