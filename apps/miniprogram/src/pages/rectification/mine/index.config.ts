export default definePageConfig({
  navigationBarTitleText: '整理整顿',
  enablePullDownRefresh: true,
});
