export default definePageConfig({
  navigationBarTitleText: '五四讲堂',
  enablePullDownRefresh: true,
});
