export default definePageConfig({
  navigationBarTitleText: '团务',
  enablePullDownRefresh: true,
});
