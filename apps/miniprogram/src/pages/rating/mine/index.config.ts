export default definePageConfig({
  navigationBarTitleText: '我的星级',
  enablePullDownRefresh: true,
});
