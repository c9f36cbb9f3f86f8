// Answer-shape variants real endpoints send (NETWORK-SPEC §1.6, §13.3, §14.3b), for testing a
// client against them: amounts as JSON numbers instead of strings, and settlement answers whose
// fund rows are a single all-empty row (Hunan) or absent, the figures only in the named fields.

export interface AnswerShape {
  /** 'string' (default): "12.60"; 'number': 12.6. */
  amounts?: 'string' | 'number';
  /** 'rows' (default); 'empty-row': one row with every field ""; 'none': no rows. */
  setldetail?: 'rows' | 'empty-row' | 'none';
}

const SETTLEMENT_ANSWERS = new Set(['2206', '2207', '2208', '2303', '2304', '2305', '5203']);
const MONEY = /^-?\d+\.\d{2}$/;

function numbers(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(numbers);
  if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, numbers(x)]));
  return typeof v === 'string' && MONEY.test(v) ? Number(v) : v;
}

const EMPTY_ROW = { fund_pay_type: '', fund_payamt: '', setl_proc_info: '', crt_payb_lmt_amt: '', inscp_scp_amt: '', fund_pay_type_name: '' };

/** The output as this endpoint variant would send it. */
export function shaped(infno: string, output: Record<string, unknown>, shape: AnswerShape | undefined): Record<string, unknown> {
  if (!shape) return output;
  let out = output;
  if (SETTLEMENT_ANSWERS.has(infno) && shape.setldetail && shape.setldetail !== 'rows') {
    out = { ...out, setldetail: shape.setldetail === 'none' ? [] : [EMPTY_ROW] };
  }
  if (shape.amounts === 'number') out = numbers(out) as Record<string, unknown>;
  return out;
}
