// RSR-1 over HID: 64-byte reports, report ID 00; payload byte 0 is the count (1..63) of frame bytes
// that follow; a longer frame continues in the next reports.

export const HID_REPORT_SIZE = 64;
export const HID_CHUNK = HID_REPORT_SIZE - 1;

/** Reports as handed to node-hid `write()`: report ID 00 + 64 payload bytes each. */
export function bytesToOutputReports(bytes: Uint8Array): Buffer[] {
  const reports: Buffer[] = [];
  for (let i = 0; i < bytes.length; i += HID_CHUNK) {
    const chunk = bytes.subarray(i, i + HID_CHUNK);
    const report = Buffer.alloc(HID_REPORT_SIZE + 1);
    report[0] = 0x00;
    report[1] = chunk.length;
    Buffer.from(chunk).copy(report, 2);
    reports.push(report);
  }
  return reports;
}

/** Reports as node-hid `read()` returns them for an unnumbered report: 64 payload bytes. */
export function bytesToInputReports(bytes: Uint8Array): Buffer[] {
  return bytesToOutputReports(bytes).map((r) => r.subarray(1));
}

/** The frame bytes carried by one 64-byte payload; a malformed report carries none. */
export function payloadBytes(payload: Uint8Array): Buffer {
  if (payload.length < 2) return Buffer.alloc(0);
  const count = payload[0];
  if (count < 1 || count > HID_CHUNK || count > payload.length - 1) return Buffer.alloc(0);
  return Buffer.from(payload.subarray(1, 1 + count));
}
