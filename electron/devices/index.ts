// The app's reader service: reads the patient in one keypress, whatever reader was bought.
//
//   const readers = new ReaderService({ log, eVoucherContext: { orgId, businessType: '01301' } });
//   await readers.configure(config)      → Result<ReaderStatus>   validate + (re)configure; closes the old port
//   await readers.read()                 → Result<PatientIdentity> one read; errors are values with a
//                                          Chinese `message` for the cashier and English `detail` for logs
//   await readers.testRead()             → Result<TestReadReport>  setup screen's "test read": reader reachable?
//                                          card there? (identity masked), with a Chinese `message`
//   readers.status()                     → ReaderStatus            configured, config, connected, busy,
//                                          lastReadAt, lastError
//   await readers.listPorts()            → Result<PortList>        serial ports (and HID devices where the OS allows)
//   readers.simulator()                  → SimulatedReaderControls | undefined (type "simulated" only):
//                                          insert(personKey?), remove(), persons(), cardPresent, personKey
//   await readers.close()
//
// ReaderConfig (the setup screen's fields): { type, transport?, port?, baudRate?, timeoutMs?, scanTimeoutMs?,
// simulatedCard?, simulatedPerson? } with type one of
//   'ssCard'    social security card on an RSR-1 reader, transport 'serial' (115200 8N1) or 'hid'
//   'idCard'    resident ID card on a GA 467 reader, transport 'serial'
//   'qrScanner' 医保电子凭证 QR scanner in USB-CDC mode, transport 'serial'; read() waits up to
//               scanTimeoutMs (default 20 s) for the patient's code, then the decode service gives the ecToken
//   'vendorDll' the card vendor's DLL (iReadCardBas), only when the Windows build injects a binding
//   'simulated' no hardware: an in-process simulator speaks the real bytes to the real driver;
//               simulatedCard 'ssCard' | 'idCard' | 'eVoucher', simulatedPerson a key of electron/demo/persons.ts
//
// PatientIdentity: { source: 'ssCard'|'idCard'|'eVoucher', name, idNumber, gender, nation?, birthDate?,
//   cardNumber?, cardId?, cardRegion?, cardIssueDate?, cardExpiryDate?, specVersion?, address?, authority?,
//   validTo?, ecToken?, insuOrg?, certType '01'|'02'|'03', certNo, cardSn?, readAt } — certType/certNo/cardSn
//   are what 1101 takes as mdtrt_cert_type / mdtrt_cert_no / card_sn.
//
// Error codes (message is what the cashier reads): CARD_NOT_PRESENT 未检测到卡片，请插卡; CARD_MUTE (upside
// down / dirty chip); CARD_UNKNOWN; CARD_DATA_INVALID; CARD_REMOVED; IDCARD_NOT_PRESENT; IDCARD_READ_FAILED;
// READER_NOT_CONNECTED; READER_NOT_CONFIGURED; READER_TIMEOUT; READER_PROTOCOL; READER_BUSY; SCAN_TIMEOUT;
// EVOUCHER_INVALID; EVOUCHER_SERVICE; VALIDATION (configure). See native/errors.ts for the texts.
//
// Hot-plug: the port is opened on first use; when the reader is unplugged the read fails with
// READER_NOT_CONNECTED and the port is closed; the next read reopens it (replugged at the same port).
// Only one read runs at a time (a second gets READER_BUSY); nothing ever throws out of the service.

export { ReaderService } from './service';
export type { ReaderServiceOptions, ReaderStatus, TestReadReport, PortList } from './service';
export type { ReaderConfig, ReaderType, ReaderTransportKind, SimulatedCardKind } from './config';
export { validateReaderConfig } from './config';
export type { PatientIdentity, IdentitySource } from './identity';
export { maskIdentity } from './identity';
export type { SimulatedReaderControls } from './simulated';
export { DEVICE_MESSAGES_ZH } from '../../native/errors';
export type { DeviceErrorCode } from '../../native/errors';
