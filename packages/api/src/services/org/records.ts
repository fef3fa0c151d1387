/**
 * ORG-6: what happens to every record that names an organisation when that organisation is merged
 * into another or dissolved with a receiving organisation. One entry per column named `org_id` or
 * `*_org_id` in the district template; `records.test.ts` reads information_schema and fails when a
 * table gains such a column that is not classified here, so every new module decides.
 *
 * - `follows`: rows (all, or the open ones named in `rows`) move to the receiving organisation.
 * - `copied`: the receiving organisation gets a copy; the old rows stay as history.
 * - `history`: the rows stay with the old organisation (it keeps its rows with its final status);
 *   `why` says why moving them would falsify the record.
 * - `blocks`: open rows refuse the proposal (preview and execution) until they are closed.
 *
 * An adjust (new parent / new name) moves no records: the organisation keeps its id.
 */
export type OrgRecordAction = 'follows' | 'copied' | 'history' | 'blocks';

export interface OrgRecordPolicy {
  action: OrgRecordAction;
  /** Which rows, when not all of them. */
  rows?: string;
  why: string;
}

export const ORG_RECORD_POLICY: Readonly<Record<string, OrgRecordPolicy>> = {
  'members.org_id': { action: 'follows', why: '团员全部转入接收组织，一人不少、一人不重' },
  'development_applications.org_id': {
    action: 'follows',
    rows: "stage <> 'sworn'",
    why: '未完成的发展流程随申请人转入接收组织继续办理；已宣誓的是已完成的历史',
  },
  'development_applications.approving_org_id': {
    action: 'history',
    why: '审批入团的上级组织是当时作出批准的组织，属于历史事实',
  },
  'party_recommendations.org_id': {
    action: 'follows',
    rows: "stage not in ('sent', 'rejected')",
    why: '进行中的推优随团员转入接收组织继续办理；已推送或未通过的是历史',
  },
  'number_blocks.org_id': {
    action: 'follows',
    why: '号段由接收组织继续使用（已发放的编号记录在入团申请上）',
  },
  'coverage_gaps.responsible_org_id': { action: 'follows', why: '覆盖空白由接收组织继续负责' },
  'coverage_gaps.covered_org_id': { action: 'follows', why: '已覆盖的单位由接收组织继续覆盖' },
  'org_tags.org_id': {
    action: 'copied',
    why: '建设标签由接收组织继承；原组织的标签保留为历史',
  },
  'dues_payments.org_id': {
    action: 'history',
    why: '团费记在交纳时所在的团支部（当时收缴、当时统计的收缴率）；今后的应交团费随团员转入接收组织',
  },
  'lapse_decisions.org_id': { action: 'history', why: '自行脱团的认定是原团支部大会作出的决定' },
  'evaluation_rounds.org_id': {
    action: 'history',
    why: '教育评议是原团支部召开的会议（应到、实到人数属于该次会议）；等次按团员记录，随团员保留',
  },
  'org_proposals.org_id': { action: 'history', why: '调整申请本身是历史' },
  'org_proposals.target_org_id': { action: 'history', why: '调整申请本身是历史' },
  'org_status_history.org_id': { action: 'history', why: '状态历史不改写' },
  'org_status_history.related_org_id': { action: 'history', why: '状态历史不改写' },
  'org_elections.org_id': { action: 'history', why: '换届选举是原组织的历史' },
  'org_leaders.org_id': {
    action: 'history',
    why: '原组织的班子任期在生效日期结束（写入任期结束日期），不转给接收组织',
  },
  'org_inventory_reviews.org_id': { action: 'history', why: '排查结论针对原组织作出' },
  'org_inventory_findings.org_id': { action: 'history', why: '排查结论针对原组织作出' },
  'brand_projects.org_id': {
    action: 'history',
    why: '工作品牌是原组织当年创建的成果，记在原组织名下，不转移',
  },
  'cadre_trainings.org_id': {
    action: 'history',
    why: '团干部培训记录是当时所在组织的团干部参加的培训，属于历史事实',
  },
  'cadre_contacts.org_id': {
    action: 'history',
    why: '团干部联系青年记录属于当时所在组织的工作记录，不转移',
  },
  'meetings.org_id': {
    action: 'history',
    why: '三会两制一课的会议记录是原团支部开过的会，计入原组织当时的达标情况，不转移',
  },
  'theme_days.org_id': {
    action: 'history',
    why: '主题团日是原团支部当月开展的活动（每个团支部每月一次，转移会与接收组织当月的活动重叠）',
  },
  'password_reset_codes.org_id': {
    action: 'history',
    why: '重置码是当时为该团支部成员批量签发的（几天内失效），签发记录留作历史',
  },
  'files.org_id': {
    action: 'history',
    why: '附件记录上传时所为的组织；附件随引用它的记录使用，不单独转移',
  },
  // 整理整顿 (RECT): every record is a judgment on the old organisation in its year — the score, the
  // ranking, the ledger entry, the warnings and the acceptance stay with it as history; the receiving
  // organisation is judged by its own next health check (its own ranking, its own tasks).
  'health_checks.org_id': { action: 'history', why: '体检是对原团支部当年状况的评价，不转给接收组织' },
  'health_checks.superior_org_id': { action: 'history', why: '体检所在的排名是当时的上级组织作出的' },
  'health_check_inputs.by_org_id': { action: 'history', why: '评价意见是当时的评价组织作出的' },
  'health_check_peers.peer_org_id': { action: 'history', why: '互相评的分配是当年的安排' },
  'rectification_tasks.org_id': {
    action: 'history',
    why: '整改任务针对原团支部的问题；合并后由接收组织的下一轮体检重新列出',
  },
  'key_rectifications.org_id': { action: 'history', why: '重点整顿台帐记录原团支部当年的整顿情况' },
  'key_rectifications.superior_org_id': { action: 'history', why: '重点整顿台帐记录当时的上级组织' },
  'rectification_warnings.org_id': { action: 'history', why: '通报、约谈是对原团支部作出的' },
  'rectification_acceptances.org_id': { action: 'history', why: '考核验收是对原团支部作出的结论' },
  'star_rating_rounds.org_id': {
    action: 'history',
    why: '星级评定轮次是原上级组织当年组织的评定，属于历史',
  },
  'star_ratings.org_id': {
    action: 'history',
    why: '星级是对原组织当年情况的评定（自评签字、审核、公布），不转给接收组织',
  },
  'mobile_placements.responsible_org_id': {
    action: 'follows',
    rows: 'ended_on is null',
    why: '在外流动的团员由接收组织继续负责管理；已结束的流动登记是历史',
  },
  'transfers.source_org_id': {
    action: 'blocks',
    rows: "status in ('pending_source', 'pending_target')",
    why: '未办结的转出须先办结或撤回（转接双方各有记录，不能单方改写）；已办结的是历史',
  },
  'transfers.target_org_id': {
    action: 'blocks',
    rows: "status in ('pending_source', 'pending_target')",
    why: '未办结的转入须先办结或退回（转出方记录着接收组织）；已办结的是历史',
  },
};

/** Columns of a schema that name an organisation: `org_id` and `*_org_id`. */
export function isOrgColumn(column: string): boolean {
  return column === 'org_id' || column.endsWith('_org_id');
}
