import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Button, Text, View } from '@tarojs/components';
import Taro, { useDidShow, usePullDownRefresh } from '@tarojs/taro';
import { useEffect } from 'react';
import { Empty, ErrorBlock, Loading } from '../../components/states';
import { TodoList } from '../../components/todo-list';
import { appCodeOf, errorMessage, isUnauthorized, toastError } from '../../lib/errors';
import { formatDate, formatMemberNumber } from '../../lib/format';
import { memberStatusText, orgKindText } from '../../lib/labels';
import { goChooseIdentity, PASSWORD_PAGE } from '../../lib/navigation';
import { queryKeys } from '../../lib/query';
import { getToken, goToLogin } from '../../lib/session';
import { type HomeSummary, trpc } from '../../lib/trpc';
import './index.css';

/**
 * 首页 (`home.summary`): the branch of the current identity; for a secretary its members,
 * for a member the own record. Stable texts for end-to-end tests: the branch name heading
 * (#home-branch-name); the section heading 本支部团员 (#home-members-title, a secretary of
 * a 团支部; 本团总支团员 / 本团委团员 above one) or 我的团员信息 (#home-profile-title, a member);
 * the to-do list (#home-todos, see components/todo-list.tsx) with the badge on the 首页 tab.
 */
export default function HomePage() {
  const signedIn = Boolean(getToken());

  const summary = useQuery({
    queryKey: queryKeys.homeSummary,
    queryFn: () => trpc.home.summary.query(),
    enabled: signedIn,
  });

  useEffect(() => {
    if (!signedIn) goToLogin();
  }, [signedIn]);

  // Identity not chosen yet / first password not changed: send the user to the step that is missing.
  const code = appCodeOf(summary.error);
  useEffect(() => {
    if (code === 'TENANT_REQUIRED') goChooseIdentity();
    if (code === 'PASSWORD_CHANGE_REQUIRED') void Taro.navigateTo({ url: PASSWORD_PAGE });
  }, [code]);

  useDidShow(() => {
    if (signedIn && summary.isStale) void summary.refetch();
  });

  const queryClient = useQueryClient();
  usePullDownRefresh(() => {
    void queryClient.invalidateQueries({ queryKey: queryKeys.todos });
    summary
      .refetch()
      .then((result) => {
        if (result.error && !isUnauthorized(result.error)) toastError(result.error);
      })
      .finally(() => Taro.stopPullDownRefresh());
  });

  if (!signedIn) return null;
  if (summary.isPending) return <Loading />;
  if (summary.error) {
    // The identity cannot use 首页 (none chosen, 团市委, suspended tenant…): say so, offer 切换身份.
    if (code && IDENTITY_PROBLEMS.has(code)) {
      return (
        <View className="page">
          <Empty
            title={code === 'TENANT_REQUIRED' ? '请先选择身份' : '当前身份不能使用首页'}
            text={errorMessage(summary.error)}
          >
            <Button className="btn btn-primary" onClick={goChooseIdentity}>
              {code === 'TENANT_REQUIRED' ? '选择身份' : '切换身份'}
            </Button>
          </Empty>
        </View>
      );
    }
    return <ErrorBlock error={summary.error} onRetry={() => void summary.refetch()} />;
  }

  const { me, branch, members, profile } = summary.data;
  const role = me.grants.find((g) => g.id === me.activeGrantId)?.role;

  if (!branch) {
    return (
      <View className="page">
        <Empty
          title="当前身份没有所属团支部"
          text="首页显示您所在团支部的情况。如果您在团支部任职或是团员，请切换到该身份；如果还没有加入团支部，请联系所在团组织或上级团委。"
        >
          <Button className="btn btn-primary" onClick={goChooseIdentity}>
            切换身份
          </Button>
        </Empty>
      </View>
    );
  }

  return (
    <View className="page">
      <View className="card branch-card">
        <Text className="tag">{orgKindText(branch.kind)}</Text>
        <Text id="home-branch-name" className="branch-name">
          {branch.name}
        </Text>
        <Text className="branch-meta">上级组织：{branch.parentName || '—'}</Text>
        {branch.star ? (
          <Text id="home-branch-star" className="branch-meta">
            星级：{branch.star.label}（{branch.star.year}年度）
          </Text>
        ) : null}
      </View>

      <TodoList />

      {role === 'member' ? (
        <OwnRecord profile={profile} />
      ) : (
        <MemberList kind={branch.kind} members={members} />
      )}
      <Text className="refresh-hint muted">下拉可刷新</Text>
    </View>
  );
}

/** Errors that mean "this identity has no 首页", not "something broke". */
const IDENTITY_PROBLEMS = new Set([
  'TENANT_REQUIRED',
  'TENANT_KIND',
  'TENANT_UNAVAILABLE',
  'FORBIDDEN_ROLE',
  'FORBIDDEN_SCOPE',
]);

/** 团员档案 (masked): a member of the branch with `?id=`, or the own archive. */
const ARCHIVE_PAGE = '/pages/archive/member/index';

/** The server lists at most this many members on the home page (HOME_MEMBER_LIMIT in @tuanjian/api). */
const HOME_MEMBER_LIMIT = 200;

type Summary = HomeSummary;

/** A secretary's view: the active members of the branch (or of the 团总支 / 团委 led). */
function MemberList({ kind, members }: { kind: string; members: Summary['members'] }) {
  return (
    <View>
      <View className="section-head">
        <Text id="home-members-title" className="section-title">
          {kind === 'branch' ? '本支部团员' : `本${orgKindText(kind)}团员`}
        </Text>
        <Text className="muted">
          {members.length >= HOME_MEMBER_LIMIT ? `显示前 ${HOME_MEMBER_LIMIT} 人` : `共 ${members.length} 人`}
        </Text>
      </View>

      {members.length === 0 ? (
        <View className="card">
          <Empty
            title="还没有团员"
            text="团员信息由团支部书记或上级团委在管理后台录入。录入后，在本页下拉即可刷新。"
          />
        </View>
      ) : (
        <View className="card members">
          {members.map((m) => (
            <View
              key={m.id}
              className="member"
              onClick={() => void Taro.navigateTo({ url: `${ARCHIVE_PAGE}?id=${m.id}` })}
            >
              <View>
                <Text className="member-name">{m.name}</Text>
                <Text className="member-number">团员编号 {formatMemberNumber(m.memberNumber)}</Text>
              </View>
              <Text className={m.status === 'active' ? 'tag' : 'tag tag-grey'}>
                {memberStatusText(m.status)}
              </Text>
            </View>
          ))}
        </View>
      )}
    </View>
  );
}

/** A member's view: the own record in the branch. */
function OwnRecord({ profile }: { profile: Summary['profile'] }) {
  return (
    <View>
      <View className="section-head">
        <Text id="home-profile-title" className="section-title">
          我的团员信息
        </Text>
      </View>
      {profile ? (
        <View className="card">
          <View className="row">
            <Text className="row-label">姓名</Text>
            <Text className="row-value">{profile.name}</Text>
          </View>
          <View className="row">
            <Text className="row-label">团员编号</Text>
            <Text className="row-value">{formatMemberNumber(profile.memberNumber)}</Text>
          </View>
          <View className="row">
            <Text className="row-label">团籍状态</Text>
            <Text className="row-value">{memberStatusText(profile.status)}</Text>
          </View>
          <View className="row">
            <Text className="row-label">入团时间</Text>
            <Text className="row-value">{formatDate(profile.joinDate)}</Text>
          </View>
          <Button className="btn" onClick={() => void Taro.navigateTo({ url: ARCHIVE_PAGE })}>
            查看我的档案
          </Button>
        </View>
      ) : (
        <View className="card">
          <Empty title="没有找到您的团员档案" text="请联系团支部书记核对您的团员信息。" />
        </View>
      )}
    </View>
  );
}
