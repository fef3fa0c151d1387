import { useQuery } from '@tanstack/react-query';
import { Text, View } from '@tarojs/components';
import { useEffect } from 'react';
import { IdentityChooser } from '../../components/identity-chooser';
import { Empty, ErrorBlock, Loading } from '../../components/states';
import { NO_IDENTITY_MESSAGE } from '../../lib/navigation';
import { queryKeys } from '../../lib/query';
import { getToken, goToLogin } from '../../lib/session';
import { trpc } from '../../lib/trpc';

/** 切换身份: every grant of the user (`auth.me`), one tap to `auth.switchTenant`. */
export default function IdentityPage() {
  const signedIn = Boolean(getToken());
  const me = useQuery({
    queryKey: queryKeys.me,
    queryFn: () => trpc.auth.me.query(),
    enabled: signedIn,
    staleTime: 0,
  });

  useEffect(() => {
    if (!signedIn) goToLogin();
  }, [signedIn]);

  if (!signedIn) return null;
  if (me.isPending) return <Loading />;
  if (me.error) return <ErrorBlock error={me.error} onRetry={() => void me.refetch()} />;
  if (me.data.grants.length === 0) return <Empty title="没有可用的身份" text={NO_IDENTITY_MESSAGE} />;

  return (
    <View className="page">
      <Text className="section-title">选择要使用的身份</Text>
      <View className="muted" style={{ margin: '8px 0 32px' }}>
        切换后，首页和各项功能都按所选身份显示。
      </View>
      <IdentityChooser me={me.data} />
    </View>
  );
}
