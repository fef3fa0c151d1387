export default definePageConfig({
  navigationBarTitleText: '登记团费',
  enablePullDownRefresh: true,
});
