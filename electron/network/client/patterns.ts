// Recognising the refusals the client must tell apart (NETWORK-SPEC §12.5). No source shows the
// platform's own texts, so they are matched by patterns: each kind is a list of alternatives,
// an alternative a list of regular expressions that must all match err_msg. The defaults come
// from the spec (and match the built-in simulator's fixed texts); a site adds its own in setup.

export type RefusalKind = 'signInEnded' | 'originalNotFound' | 'alreadyReversed' | 'duplicateMsgid' | 'fileMissing';

/** kind -> alternatives -> regular expressions (source text, all must match). */
export type RefusalPatterns = Partial<Record<RefusalKind, string[][]>>;

export const DEFAULT_REFUSAL_PATTERNS: Required<RefusalPatterns> = {
  signInEnded: [['签到', '(失效|过期|无效|不存在|重新签到|未签到)']],
  originalNotFound: [['原(交易|报文|发送方报文)', '(不存在|未找到|查询不到|无此)']],
  alreadyReversed: [['已冲正']],
  duplicateMsgid: [['报文ID?重复|msgid.*重复']],
  fileMissing: [['文件.*(不存在|过期)']],
};

/** Compiled patterns: the defaults plus the setup's own alternatives. */
export class RefusalMatcher {
  private readonly compiled: Record<RefusalKind, RegExp[][]>;

  constructor(extra: RefusalPatterns = {}) {
    const kinds = Object.keys(DEFAULT_REFUSAL_PATTERNS) as RefusalKind[];
    this.compiled = Object.fromEntries(
      kinds.map((k) => [k, [...DEFAULT_REFUSAL_PATTERNS[k], ...(extra[k] ?? [])].map((alt) => alt.map((src) => new RegExp(src, 'i')))]),
    ) as Record<RefusalKind, RegExp[][]>;
  }

  is(kind: RefusalKind, errMsg: string): boolean {
    return !!errMsg && this.compiled[kind].some((alt) => alt.length > 0 && alt.every((re) => re.test(errMsg)));
  }
}

/** A setup's patterns, checked: every source must compile. Returns the first problem. */
export function refusalPatternsProblem(p: RefusalPatterns): string | undefined {
  for (const [kind, alts] of Object.entries(p)) {
    if (!(kind in DEFAULT_REFUSAL_PATTERNS)) return `未知的拒绝类型 ${kind}`;
    for (const alt of alts ?? []) {
      for (const src of alt) {
        try {
          new RegExp(src);
        } catch {
          return `拒绝识别规则「${src}」不是有效的正则表达式`;
        }
      }
    }
  }
  return undefined;
}
