// The public surface of the receipt model (pure). Rendering and printing live in electron/print.
export * from './types';
export { buildReceiptData, buildReversalReceipt, checkPayload, qrText, RECEIPT_TITLE, REVERSAL_TITLE, type ReversalInfo } from './build';
export { categoryTable, deductibleCounted } from './figures';
export { CHARGE_CATEGORIES, guessCategory, INSURANCE_NAMES, IDENTITY_NAMES, identityLabel } from './labels';
export { chinaDate, chinaDateTime } from './time';
export { receiptNumber, isReceiptNo } from './number';
