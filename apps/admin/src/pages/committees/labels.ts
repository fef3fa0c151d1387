/** Labels of the committee pages (issue 7). */
export const REPORT_STATUS: Record<string, string> = {
  draft: '草稿',
  submitted: '已提交',
  under_review: '审阅中',
  returned: '退回修改',
  accepted: '已采纳',
  adopted: '已转化为议事参考',
};
export const REPORT_STATUS_COLOR: Record<string, string> = {
  submitted: 'blue',
  under_review: 'processing',
  returned: 'orange',
  accepted: 'green',
  adopted: 'purple',
};
export const ADOPTED_FOR: Record<string, string> = {
  plenary: '全委会议事参考',
  secretaries_meeting: '书记办公会议事参考',
};
export const POSITION: Record<string, string> = { chair: '主任', member: '委员', alternate: '候补委员' };
export const CHANGE_STATUS: Record<string, string> = {
  proposed: '待全委会确认',
  confirmed: '已确认',
  rejected: '未予确认',
};
export const TOPIC_STATUS: Record<string, string> = {
  planned: '计划中',
  in_progress: '调研中',
  concluded: '已结题',
};
export const COMMENT_KIND: Record<string, string> = {
  comment: '审阅意见',
  start_review: '开始审阅',
  return: '退回修改',
  accept: '采纳',
  adopt: '转化为议事参考',
  revised: '提交修改稿',
};
export const today = () => new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
