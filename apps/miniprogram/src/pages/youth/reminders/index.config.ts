export default definePageConfig({
  navigationBarTitleText: '提醒名单',
  enablePullDownRefresh: true,
});
