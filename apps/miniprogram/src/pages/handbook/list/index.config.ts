export default definePageConfig({
  navigationBarTitleText: '工作手册',
  enablePullDownRefresh: true,
});
