// The receipt needs a CJK font or Chinese prints as boxes. Windows has Microsoft YaHei / SimSun;
// on Linux the fonts-noto-cjk package is required (checked at start, reported in the setup).
import { execFileSync } from 'node:child_process';

export interface FontStatus {
  ok: boolean;
  /** Families found (Linux), or the platform's known fonts. */
  families: string[];
  message: string;
}

let cached: FontStatus | undefined;

/** The status of this machine's CJK fonts (checked once per process). */
export function cjkFontStatus(platform = process.platform): FontStatus {
  if (platform === process.platform && cached) return cached;
  cached = check(platform);
  return cached;
}

function check(platform: string): FontStatus {
  if (platform === 'win32') return { ok: true, families: ['Microsoft YaHei', 'SimSun'], message: '使用系统中文字体（微软雅黑/宋体）' };
  if (platform === 'darwin') return { ok: true, families: ['PingFang SC'], message: '使用系统中文字体（苹方）' };
  let out = '';
  try {
    out = execFileSync('fc-list', [':lang=zh', 'family'], { encoding: 'utf8', timeout: 5000 });
  } catch {
    return { ok: false, families: [], message: '无法检查中文字体（缺少 fc-list）；请安装 fonts-noto-cjk' };
  }
  const families = [...new Set(out.split('\n').flatMap((l) => l.split(',')).map((s) => s.trim()).filter(Boolean))];
  const noto = families.some((f) => /Noto (Sans|Serif) CJK/.test(f));
  return noto
    ? { ok: true, families, message: '已安装中文字体（Noto CJK）' }
    : { ok: false, families, message: '未找到 Noto CJK 中文字体：结算单的中文可能打印成方框，请安装 fonts-noto-cjk' };
}
