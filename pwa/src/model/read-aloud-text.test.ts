import { describe, expect, it } from 'vitest';
import { pickChineseVoice, readAloudText } from './read-aloud-text.js';

describe('readAloudText', () => {
  it('should read the name, the required materials, time, fee and place', () => {
    const text = readAloudText({
      name: '个体工商户设立登记',
      materials: [
        { key: 'id', name: '身份证', forms: ['复印件'], copies: 1, required: true, waivable: false },
        { key: 'lease', name: '租赁合同', forms: ['复印件'], copies: 1, required: true, waivable: true },
        { key: 'proxy', name: '委托书', forms: ['原件'], copies: 1, required: false, waivable: false },
      ],
      timeLimit: { statutoryDays: 15, promisedDays: 1 },
      fee: '不收费',
      place: '遂昌县行政服务中心',
      phone: '0578-8123456',
    });
    expect(text).toBe(
      '个体工商户设立登记。要带2样材料：第1，身份证，复印件1份。第2，租赁合同，复印件1份，可以容缺。办理时间：承诺1个工作日。收费：不收费。办理地点：遂昌县行政服务中心。咨询电话：0 5 7 8 - 8 1 2 3 4 5 6。',
    );
  });
});

describe('pickChineseVoice', () => {
  it('should prefer zh-CN, then any Chinese voice, else none', () => {
    expect(pickChineseVoice([{ lang: 'en-US' }, { lang: 'zh-TW' }, { lang: 'zh_CN' }])).toEqual({ lang: 'zh_CN' });
    expect(pickChineseVoice([{ lang: 'en-US' }, { lang: 'zh-HK' }])).toEqual({ lang: 'zh-HK' });
    expect(pickChineseVoice([{ lang: 'en-US' }])).toBeNull();
  });
});
