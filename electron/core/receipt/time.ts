// Receipts read the app's one clock (electron/core/time.ts).
export { chinaDate, chinaDateTime } from '../time';
