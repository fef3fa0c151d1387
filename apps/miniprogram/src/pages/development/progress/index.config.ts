export default definePageConfig({
  navigationBarTitleText: '我的发展进度',
  enablePullDownRefresh: true,
});
