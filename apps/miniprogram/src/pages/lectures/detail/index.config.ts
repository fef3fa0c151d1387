export default definePageConfig({
  navigationBarTitleText: '讲堂详情',
  enablePullDownRefresh: true,
});
