/**
 * 授权委托书: the words the applicant agrees to when a village agent files
 * for them, kept on the application exactly as shown (the gateway forwards
 * them with it). Plain words, read aloud at the door to someone who may not
 * read well; the ID number appears only by its last four digits.
 */
export function authorisationText(input: { applicantName: string; idNumber?: string; agentName: string; agentLogin: string; guideName: string; date: string }): string {
  const idTail = input.idNumber && input.idNumber.length >= 4 ? `（身份证号码后四位${input.idNumber.slice(-4)}）` : '';
  return [
    '授权委托书',
    `委托人：${input.applicantName || '（申请人）'}${idTail}`,
    `受托人（代办员）：${input.agentName}（账号 ${input.agentLogin}）`,
    `本人委托上面这位代办员，替本人在网上申请办理“${input.guideName}”，并替本人提交身份证等申请材料的照片、接收办理进度和结果。`,
    '代办员只能为这件事使用本人的材料，不能用在别的地方，也不能给别人看。',
    '本人保证提供的材料和说明的情况真实。',
    `日期：${input.date}`,
  ].join('\n');
}
