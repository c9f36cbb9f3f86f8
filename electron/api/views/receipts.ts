// Receipts and printing. View types of the API contract (electron/api/contract.ts); pure types.
import type { Money } from './common';
import type { ReceiptData } from '../../core/receipt/types';

export type ReceiptPaper = 'A5' | 'A4' | 'escpos58' | 'escpos80';
export interface ReceiptSetupView {
  paper: ReceiptPaper;
  /** System printer for A5/A4 sheets (Electron); empty = default printer. */
  printerName: string;
  thermalKind: 'serial' | 'file';
  /** Thermal printer port or device path (COM3, /dev/ttyUSB0, /dev/usb/lp0); empty = none. */
  thermalPath: string;
  thermalBaud: number;
  preview: boolean;
  autoPrint: boolean;
  /** Attach the detail list (费用明细清单, every fee line) after the A5/A4 sheet. */
  detailList: boolean;
}
export interface ReceiptSearchInput {
  from?: string;
  to?: string;
  receiptNo?: string;
  settlementId?: string;
  name?: string;
}
export interface ReceiptListItemView {
  receiptNo: string;
  settlementId: string;
  kind: 'settlement' | 'reversal';
  settledAt: string;
  /** Masked (张**). */
  patientName: string;
  idMasked: string;
  total: Money;
  cash: Money;
  offline: boolean;
  /** An offline settlement the network has confirmed since. */
  confirmed: boolean;
  printCount: number;
  reprintCount: number;
}
/** The receipt sheet as printed: the pure receipt model itself (electron/core/receipt). */
export type ReceiptSheetView = ReceiptData;
export interface ReceiptPrintView {
  receiptNo: string;
  /** 0 = original sheet; N = "重打 N". */
  reprintNo: number;
  target: 'printer' | 'preview' | 'browser' | 'thermal';
  ok: boolean;
  message: string;
  /** Browser mode: GET this (plus `?session=<token>`) and print it with the browser. */
  pdfUrl?: string;
}
export interface ReceiptDetailView {
  receipt: ReceiptSheetView;
  item: ReceiptListItemView;
  /** Browser mode: the archived original PDF (add `?session=<token>`). */
  pdfUrl: string;
  prints: { reprintNo: number; target: string; ok: boolean; detail?: string; printedAt: string }[];
}
export interface ReceiptPrintersView {
  mode: 'electron' | 'browser';
  printers: { name: string; displayName: string; isDefault: boolean }[];
  message: string;
  font: { ok: boolean; message: string };
}
