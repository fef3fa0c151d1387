export default definePageConfig({
  navigationBarTitleText: '我的讲堂报名',
  enablePullDownRefresh: true,
});
