// The public surface of the receipt model (pure). Rendering and printing live in electron/print.
export * from './types';
export { buildReceiptData, buildReversalReceipt, checkPayload, qrText, RECEIPT_TITLE, REVERSAL_TITLE, type ReversalInfo } from './build';
export { categoryTable, deductibleCounted } from './figures';
export { CHARGE_CATEGORIES, guessCategory, INSURANCE_NAMES, IDENTITY_NAMES, identityLabel, PAYMENT_NAMES, paymentLabel } from './labels';
export { mobilePayment, personalPartLabel, personalPartShort, receiptPayment } from './payment';
export { chinaDate, chinaDateTime } from './time';
export { receiptNumber, isReceiptNo } from './number';
