export default definePageConfig({
  navigationBarTitleText: '我的青年大学习',
  enablePullDownRefresh: true,
});
