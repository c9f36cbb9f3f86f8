// The queue screen's one-line summary under the list, agreeing with the counts above it: "empty"
// only when nothing at all is unsent; refused items are not "uploaded".
import type { QueueStatusView } from '../../../../electron/api/contract';

export function queueSummary(status: QueueStatusView | undefined, waiting: number, refused: number): string | undefined {
  if (waiting > 0) return undefined;
  const unsent = status?.unsent ?? 0;
  if (refused > 0) return `没有正在等待上传的报文；${unsent || refused} 笔结算因医保拒绝尚未上传，见下方失败项（修正后重试或撤销）。`;
  if (unsent > 0) return `还有 ${unsent} 笔结算未上传，正在刷新…`;
  return '队列为空：所有结算都已上传医保。';
}
