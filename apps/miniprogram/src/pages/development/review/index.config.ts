export default definePageConfig({
  navigationBarTitleText: '入团申请审批',
  enablePullDownRefresh: true,
});
