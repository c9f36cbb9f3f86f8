// The resident ID number's check digit (GB 11643-1999, ISO 7064 MOD 11-2), checked in the window
// before asking the network, so a mistyped digit is caught at once with a plain message.

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK = '10X98765432';

/** The check character an 18-digit ID number must end with (its first 17 digits given). */
export function idCheckChar(first17: string): string {
  let total = 0;
  for (let i = 0; i < 17; i++) total += Number(first17[i]) * WEIGHTS[i];
  return CHECK[total % 11];
}

/** Why an ID number cannot be right, in Chinese; undefined when its form and check digit hold. */
export function idNumberProblem(id: string): string | undefined {
  const s = id.trim().toUpperCase();
  if (!/^\d{17}[\dX]$/.test(s)) return '身份证号应为 18 位（最后一位可以是 X）';
  if (idCheckChar(s.slice(0, 17)) !== s[17]) return '身份证号校验位不正确（GB 11643），请核对是否输错';
  return undefined;
}
