/**
 * ORG-2…ORG-6 vocabulary: leadership positions, elections, the five inventory problems, key
 * build-out tags, coverage gaps and adjust/merge/dissolve proposals — code name → Chinese label.
 */
import { z } from 'zod';

function labelled<const T extends string>(labels: Record<T, string>) {
  const values = Object.keys(labels) as [T, ...T[]];
  return { values, labels };
}

const positions = labelled({
  secretary: '书记',
  deputy_secretary: '副书记',
  organising: '组织委员',
  publicity: '宣传委员',
  member: '委员',
});
/** 班子 positions (GLOSSARY: leadership). */
export const LEADER_POSITIONS = positions.values;
export type LeaderPosition = (typeof LEADER_POSITIONS)[number];
export const leaderPositionLabel: Record<LeaderPosition, string> = positions.labels;

const electionKinds = labelled({
  first: '首次选举',
  regular: '换届选举',
  by_election: '补选',
});
export const ELECTION_KINDS = electionKinds.values;
export type ElectionKind = (typeof ELECTION_KINDS)[number];
export const electionKindLabel: Record<ElectionKind, string> = electionKinds.labels;

const electionMethods = labelled({
  competitive: '差额选举',
  equal: '等额选举',
});
export const ELECTION_METHODS = electionMethods.values;
export type ElectionMethod = (typeof ELECTION_METHODS)[number];
export const electionMethodLabel: Record<ElectionMethod, string> = electionMethods.labels;

const inventoryProblems = labelled({
  setup_incomplete: '组织设置不健全',
  affiliation_unclear: '关系隶属不清晰',
  leadership_incomplete: '班子配备不齐全',
  mechanism_not_smooth: '运行机制不顺畅',
  activities_abnormal: '活动开展不正常',
});
/** ORG-3: the five problems of the inventory (整理整顿). */
export const INVENTORY_PROBLEMS = inventoryProblems.values;
export type InventoryProblem = (typeof INVENTORY_PROBLEMS)[number];
export const inventoryProblemLabel: Record<InventoryProblem, string> = inventoryProblems.labels;

const buildOutTags = labelled({
  non_public_enterprise: '非公有制企业团建',
  internet_social: '互联网行业和社会组织团建',
  township_committee: '乡镇实体化大团委',
  regional: '区域化团建',
  school_class: '学校班团一体化',
});
/** ORG-4: key build-out work. */
export const BUILD_OUT_TAGS = buildOutTags.values;
export type BuildOutTag = (typeof BUILD_OUT_TAGS)[number];
export const buildOutTagLabel: Record<BuildOutTag, string> = buildOutTags.labels;

const gapStatuses = labelled({ open: '未覆盖', covered: '已覆盖' });
/** ORG-5: a coverage gap (空白点) stays open until linked to an organisation. */
export const GAP_STATUSES = gapStatuses.values;
export type GapStatus = (typeof GAP_STATUSES)[number];
export const gapStatusLabel: Record<GapStatus, string> = gapStatuses.labels;

/** Kinds of unit typically registered as coverage gaps (free text is allowed too). */
export const GAP_UNIT_KINDS = [
  '民办学校',
  '非公有制企业',
  '社会组织',
  '互联网企业',
  '新就业群体',
  '村（社区）',
  '其他',
] as const;

const proposalKinds = labelled({ adjust: '调整', merge: '合并', dissolve: '撤销' });
/** ORG-6: adjust (move under another parent, optionally rename), merge, dissolve. */
export const PROPOSAL_KINDS = proposalKinds.values;
export type ProposalKind = (typeof PROPOSAL_KINDS)[number];
export const proposalKindLabel: Record<ProposalKind, string> = proposalKinds.labels;

const proposalStatuses = labelled({
  pending: '待审批',
  approved: '已批准待执行',
  rejected: '已驳回',
  applied: '已执行',
});
export const PROPOSAL_STATUSES = proposalStatuses.values;
export type ProposalStatus = (typeof PROPOSAL_STATUSES)[number];
export const proposalStatusLabel: Record<ProposalStatus, string> = proposalStatuses.labels;

export const leaderPositionSchema = z.enum(LEADER_POSITIONS, { error: '职务无效' });
export const electionKindSchema = z.enum(ELECTION_KINDS, { error: '选举类型无效' });
export const electionMethodSchema = z.enum(ELECTION_METHODS, { error: '选举方式无效' });
export const inventoryProblemSchema = z.enum(INVENTORY_PROBLEMS, { error: '问题类型无效' });
export const buildOutTagSchema = z.enum(BUILD_OUT_TAGS, { error: '重点建设类型无效' });
export const gapStatusSchema = z.enum(GAP_STATUSES, { error: '覆盖状态无效' });
export const proposalKindSchema = z.enum(PROPOSAL_KINDS, { error: '调整类型无效' });
export const proposalStatusSchema = z.enum(PROPOSAL_STATUSES, { error: '审批状态无效' });
