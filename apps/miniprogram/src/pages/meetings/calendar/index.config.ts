export default definePageConfig({
  navigationBarTitleText: '落实日历',
  enablePullDownRefresh: true,
});
