export default definePageConfig({
  navigationBarTitleText: '我的组织关系转接',
  enablePullDownRefresh: true,
});
