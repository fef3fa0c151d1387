export default definePageConfig({
  navigationBarTitleText: '我的团费',
  enablePullDownRefresh: true,
});
